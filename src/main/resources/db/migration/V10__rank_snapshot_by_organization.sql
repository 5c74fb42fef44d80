-- The organisation page shows each rank's change: find an organisation's latest snapshot without a scan.
CREATE INDEX rank_snapshot_organization ON rank_snapshot (organization_id, day DESC);
