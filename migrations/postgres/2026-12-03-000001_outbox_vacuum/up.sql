-- The outbox is a queue: every row is deleted soon after it is written, and
-- the dispatcher reads it from its oldest key. Left to the default (vacuum
-- after a fifth of the table is dead), the dead rows pile up in front of
-- that read, which then walks over tens of thousands of them on every
-- pass. Vacuumed after every few thousand, it stays short. The jobs table
-- changes each row a few times and is read by state in the same way.
ALTER TABLE outbox SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0
);
ALTER TABLE jobs SET (
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0
);
