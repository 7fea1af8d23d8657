// Indexes the queries in cypher/ rely on. One statement per line, IF NOT EXISTS.
CREATE INDEX host_name IF NOT EXISTS FOR (n:Host) ON (n.name);
CREATE INDEX config_file_path IF NOT EXISTS FOR (n:ConfigFile) ON (n.path);
CREATE INDEX config_file_root IF NOT EXISTS FOR (n:ConfigFile) ON (n.rootId);
CREATE INDEX file_version_from IF NOT EXISTS FOR (n:FileVersion) ON (n.rootId, n.fromSeq);
CREATE INDEX file_version_to IF NOT EXISTS FOR (n:FileVersion) ON (n.rootId, n.toSeq);
CREATE INDEX snapshot_root IF NOT EXISTS FOR (n:Snapshot) ON (n.rootId, n.seq);
CREATE INDEX snapshot_created IF NOT EXISTS FOR (n:Snapshot) ON (n.createdAt);
CREATE INDEX event_at IF NOT EXISTS FOR (n:Event) ON (n.at);
CREATE INDEX event_type_at IF NOT EXISTS FOR (n:Event) ON (n.type, n.at);
CREATE INDEX config_audit_at IF NOT EXISTS FOR (n:ConfigAudit) ON (n.at);
CREATE INDEX pack_name IF NOT EXISTS FOR (n:Pack) ON (n.name);
CREATE INDEX alert_status IF NOT EXISTS FOR (n:Alert) ON (n.status, n.type);
CREATE INDEX config_audit_kind_pack IF NOT EXISTS FOR (n:ConfigAudit) ON (n.kind, n.pack);
CREATE INDEX config_audit_host_at IF NOT EXISTS FOR (n:ConfigAudit) ON (n.hostId, n.at);
CREATE INDEX finding_fingerprint IF NOT EXISTS FOR (n:Finding) ON (n.fingerprint);
CREATE INDEX mismatch_rule IF NOT EXISTS FOR (n:Mismatch) ON (n.rule);
