-- The residents of a fictional shelter agency. Every name, number and address below is invented.
CREATE TABLE resident (
  id                 VARCHAR(16)  PRIMARY KEY,
  name               VARCHAR(100) NOT NULL,
  date_of_birth      DATE         NOT NULL,
  alien_number       VARCHAR(16),
  immigration_status VARCHAR(100),
  place_of_birth     VARCHAR(100),
  home_address       VARCHAR(200),
  shelter            VARCHAR(200),
  phone              VARCHAR(32),
  benefits           VARCHAR(200),
  sealed_record      VARCHAR(200),
  next_court_date    DATE,
  program            VARCHAR(100) NOT NULL,
  borough            VARCHAR(32)  NOT NULL,
  case_opened        DATE         NOT NULL
);
