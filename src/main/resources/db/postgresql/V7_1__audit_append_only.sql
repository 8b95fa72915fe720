-- PostgreSQL only (quarkus.flyway.postgres.locations): the audit trail is append-only in the database itself, so
-- no statement of the gateway, or of anyone using its database user, changes or removes what was recorded.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end
$$;
create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
