-- Fictional people: no resemblance to anyone is intended. Values are distinctive so that tests can
-- search every response for them.
INSERT INTO resident VALUES
  ('C-1001', 'Rosa Ejemplo', DATE '1984-02-29', 'A-000-111-001', 'Asylum applicant (pending)',
   'Tegucigalpa (fictional record)', '17 Sample Lane, Apt 2B, Bronx', 'Harbor Light Shelter, room 12',
   '555-0101', 'Cash assistance, SNAP', NULL, DATE '2027-03-16', 'Single adults intake', 'Bronx', DATE '2026-09-01'),
  ('C-1002', 'Kwame Placeholder', DATE '1979-07-04', 'A-000-111-002', 'Temporary Protected Status',
   'Port-au-Prince (fictional record)', '3 Demo Court, Queens', 'Maple Row Family Residence, unit 4',
   '555-0102', 'Rental assistance voucher', 'Dismissed 2019 arrest, sealed (CPL 160.50)', DATE '2027-04-08',
   'Families with children', 'Queens', DATE '2026-08-14'),
  ('C-1003', 'Li Fictivo', DATE '1991-11-23', 'A-000-111-003', 'Undocumented (self-reported)',
   'Fuzhou (fictional record)', '88 Imaginary Ave, Brooklyn', 'Harbor Light Shelter, room 31',
   '555-0103', 'Medicaid', 'Sealed 2021 violation, dismissed (CPL 160.50)', NULL,
   'Single adults intake', 'Brooklyn', DATE '2026-10-20'),
  ('C-1004', 'Dmitri Demonstrov', DATE '1968-05-17', 'A-000-111-004', 'Lawful permanent resident',
   'Odesa (fictional record)', '250 Specimen St, Staten Island', 'Bayview Adult Shelter, bed 7',
   '555-0104', 'SNAP', NULL, DATE '2027-01-12', 'Single adults intake', 'Staten Island', DATE '2026-07-02'),
  ('C-1005', 'Fatima Testwell', DATE '1996-12-09', 'A-000-111-005', 'Refugee (admitted 2024)',
   'Kandahar (fictional record)', '9 Mockingbird Row, Manhattan', 'Maple Row Family Residence, unit 9',
   '555-0105', 'Rental assistance application', NULL, NULL, 'Rental assistance', 'Manhattan', DATE '2026-11-02');
