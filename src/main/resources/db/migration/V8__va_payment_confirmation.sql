-- Virtual account payment callbacks (OY static VA, BRIVA), kept from the moment they arrive until the bank's own
-- API confirms them. Only a confirmed one is announced (event_outbox, in the same transaction); an unconfirmed one
-- stays here with its reason for an operator (GET /api/va-payments/unconfirmed), and one that could not be asked
-- about yet (bank unavailable) is asked again on a schedule.
create table va_payment_callback (
    id               varchar(36)    primary key,  -- this delivery
    bank             varchar(10)    not null,     -- oy, briva
    va_number        varchar(40)    not null,     -- OY va_number; BRIVA brivaNo followed by custCode
    amount           decimal(20, 2) not null,
    callback         text           not null,     -- the callback's JSON as received
    state            varchar(20)    not null,     -- PENDING, CONFIRMED, DUPLICATE, UNCONFIRMED
    reason           varchar(500),
    bank_trx_id      varchar(100),                -- the bank's own transaction this delivery announced (CONFIRMED only)
    event_id         varchar(200),                -- the event announced, or the one a DUPLICATE repeats
    attempts         integer        not null default 0,
    next_attempt_at  timestamp,
    received_at      timestamp      not null,
    updated_at       timestamp      not null
);
-- one bank transaction, one announcement: two deliveries can never claim the same transaction
create unique index va_payment_callback_claim on va_payment_callback (bank, bank_trx_id);
create index va_payment_callback_due on va_payment_callback (state, next_attempt_at);
create index va_payment_callback_va on va_payment_callback (bank, va_number);
