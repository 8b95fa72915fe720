-- PostgreSQL only: an audit row's time and id are the database's own, whatever the inserting statement says.
alter table audit_event alter column id set generated always;
create function audit_event_stamp() returns trigger language plpgsql as $$
begin
    new.at := localtimestamp;
    return new;
end
$$;
create trigger audit_event_stamp before insert on audit_event for each row execute function audit_event_stamp();
