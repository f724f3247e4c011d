-- Run once by the official postgres image on a new volume (docker-entrypoint-initdb.d):
-- one database per subgraph; each subgraph creates its tables with its own migrations.
CREATE DATABASE reception_social;
CREATE DATABASE reception_housing;
CREATE DATABASE reception_care;
CREATE DATABASE reception_education;
