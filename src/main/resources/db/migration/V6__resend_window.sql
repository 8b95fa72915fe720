-- When the row's last remit left: a 204 soon after is no reason to resend (OY may still be taking it in).
alter table batch_row add column remit_sent_at timestamp;
-- V5 took the ids of every batch; a batch that never ran (left INGESTING by an older version) keeps none of them.
delete from partner_reference where owner in (select id from batch where status not in ('RUNNING', 'COMPLETED'));
-- remits sent over REST or JMS before V5, as far as the gateway still knows them
insert into partner_reference (partner_trx_id, owner, created_at)
    select p.partner_ref, 'api', min(p.created_at) from pending_transaction p
    where p.kind = 'oy-remit' and not exists (select 1 from partner_reference x where x.partner_trx_id = p.partner_ref)
    group by p.partner_ref;
