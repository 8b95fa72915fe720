-- Money movements sent outside a batch (REST, JMS) whose outcome was not final: re-checked by the pending
-- sweeper until final, or flagged for an operator after a cut-off.
create table pending_transaction (
    reference       varchar(100) primary key,   -- kind + the caller's idempotency key
    kind            varchar(40)  not null,      -- oy-remit, valas-transaction-nego, valas-transaction-counter
    partner_ref     varchar(100) not null,
    bank_ref        varchar(100),               -- the bank's own reference when known (Valas referenceNo)
    state           varchar(20)  not null,      -- PENDING, FINAL, FLAGGED
    status_code     varchar(16),
    status_message  varchar(500),
    checks          integer      not null default 0,
    next_check_at   timestamp,
    created_at      timestamp    not null,
    updated_at      timestamp    not null
);
create index pending_transaction_due on pending_transaction (state, next_check_at);
