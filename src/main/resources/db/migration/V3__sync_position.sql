-- Where each scheduled synchronisation stands (e.g. the last statement date fetched), surviving restarts.
create table sync_position (
    name        varchar(200) primary key,
    position    varchar(100) not null,
    updated_at  timestamp    not null
);
