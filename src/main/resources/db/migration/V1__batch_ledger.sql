-- Batch disbursement ledger: one row per input row, its state and the bank's answers.
-- Portable SQL: runs on PostgreSQL and on the embedded H2 (PostgreSQL mode).

create table batch (
    id              varchar(64)  primary key,
    file_name       varchar(255) not null,
    content_hash    varchar(64)  not null,
    status          varchar(20)  not null,   -- INGESTING, RUNNING, COMPLETED, REJECTED
    invalid_policy  varchar(20)  not null,
    columns_json    text         not null,   -- input columns in their order, echoed in the result file
    total_rows      integer      not null default 0,
    invalid_rows    integer      not null default 0,
    total_amount    numeric(20)  not null default 0,
    message         text,
    created_at      timestamp    not null,
    started_at      timestamp,
    finished_at     timestamp
);
create unique index batch_content_hash on batch (content_hash);

create table batch_row (
    batch_id           varchar(64)  not null references batch (id),
    line_no            integer      not null,
    partner_trx_id     varchar(64),
    -- the idempotency key once the row is accepted; null for invalid rows, unique across all batches
    paid_key           varchar(64),
    recipient_bank     varchar(8),
    recipient_account  varchar(32),
    amount             numeric(20),
    note               varchar(500),
    email              varchar(500),
    source_json        text         not null,  -- the row as read, every column
    state              varchar(20)  not null,  -- INVALID, NEW, INQUIRING, REMIT_SENDING, PENDING, CHECK_STATUS, SUCCESS, FAILED, DEAD
    recipient_name     varchar(255),
    trx_id             varchar(64),
    status_code        varchar(16),
    status_message     varchar(500),
    remit_attempts     integer      not null default 0,
    status_checks      integer      not null default 0,
    next_check_at      timestamp,
    reason             text,                   -- why it is invalid, failed or dead-lettered
    created_at         timestamp    not null,
    updated_at         timestamp    not null,
    primary key (batch_id, line_no)
);
create unique index batch_row_paid_key on batch_row (paid_key);
create index batch_row_state on batch_row (batch_id, state);
create index batch_row_due on batch_row (state, next_check_at);
