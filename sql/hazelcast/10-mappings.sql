-- One mapping per Dolphin map. Keys and values are plain strings: values are JSON text that Python
-- services read with json.loads, so 'varchar' is the only value format that sees them ('json-flat' reads
-- NULLs from a String value and 'json' expects HazelcastJsonValue). Typed fields live in the views.
CREATE OR REPLACE MAPPING "DOLPHIN_FEATURES" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_STATE_BLUE" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_STATE_GREEN" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_PNL_BLUE" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_PNL_GREEN" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_META_HEALTH" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_TRADES_BLUE" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_TRADES_GREEN" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_EIGEN_SCANS" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_DEAD_LETTERS" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_SYSTEM_STATS" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_PROCESSES" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
CREATE OR REPLACE MAPPING "DOLPHIN_SERVICE_LIFECYCLE" TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar');
