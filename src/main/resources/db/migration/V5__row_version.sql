-- Every change of a batch row is a compare-and-set on its version (a worker that was overtaken changes nothing).
alter table batch_row add column version integer not null default 0;
-- Every partner_trx_id the gateway has sent or will send, whatever the channel (batch, REST, JMS): OY's
-- idempotency key is one namespace, so one id is never used for two payments.
create table partner_reference (
    partner_trx_id  varchar(64)  primary key,
    owner           varchar(100) not null,   -- the batch id, or 'api' for REST and JMS remits
    created_at      timestamp    not null
);
insert into partner_reference (partner_trx_id, owner, created_at)
    select paid_key, batch_id, created_at from batch_row where paid_key is not null;
