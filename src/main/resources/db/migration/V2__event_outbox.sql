-- Events for the bus, written in the same transaction as the state they announce and published afterwards
-- (at least once; consumers de-duplicate by event_id, which is stable).
create table event_outbox (
    event_id      varchar(200) primary key,
    topic         varchar(100) not null,
    payload       text         not null,
    created_at    timestamp    not null,
    published_at  timestamp
);
create index event_outbox_unpublished on event_outbox (published_at, created_at);
