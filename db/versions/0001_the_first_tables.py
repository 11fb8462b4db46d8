"""the first tables

Revision ID: 0001
Revises:
Create Date: 2026-11-24 02:00:02.710037
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalog_service',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('default_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('bench_days', sa.Integer(), nullable=False),
    sa.Column('usually_outside', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_catalog_service'))
    )
    op.create_table('closed_date',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_closed_date'))
    )
    op.create_table('customer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('preferred_channel', sa.Enum('phone', 'sms', 'email', 'in_person', name='channel', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('phone_digits', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer'))
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phone_digits'), ['phone_digits'], unique=False)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('counter', 'bench', 'manager', name='role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('code', name=op.f('uq_staff_code'))
    )
    op.create_table('store',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('open_weekdays', sa.String(length=20), nullable=False),
    sa.Column('receipt_terms', sa.Text(), nullable=True),
    sa.Column('unclaimed_days', sa.Integer(), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('ticket_prefix', sa.String(length=10), nullable=False),
    sa.Column('next_ticket_number', sa.Integer(), nullable=False),
    sa.Column('parcel_prefix', sa.String(length=10), nullable=False),
    sa.Column('next_parcel_number', sa.Integer(), nullable=False),
    sa.Column('change_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store'))
    )
    op.create_table('vendor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('quoted_turnaround_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor')),
    sa.UniqueConstraint('code', name=op.f('uq_vendor_code'))
    )
    op.create_table('parcel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('carrier', sa.String(length=64), nullable=True),
    sa.Column('tracking', sa.String(length=64), nullable=True),
    sa.Column('expected_back', sa.Date(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['sent_by_id'], ['staff.id'], name=op.f('fk_parcel_sent_by_id_staff')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_parcel_vendor_id_vendor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel')),
    sa.UniqueConstraint('ref', name=op.f('uq_parcel_ref'))
    )
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcel_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('ticket',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('visit', sa.String(length=64), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('taken_in_by_id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sa.Enum('ring', 'necklace', 'bracelet', 'earrings', 'pendant', 'brooch', 'watch', 'other', name='item_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('item_description', sa.Text(), nullable=False),
    sa.Column('item_metal', sa.String(length=4000), nullable=True),
    sa.Column('item_stones', sa.String(length=4000), nullable=True),
    sa.Column('item_condition', sa.Text(), nullable=True),
    sa.Column('declared_value', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('deposit', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('promised_for', sa.Date(), nullable=False),
    sa.Column('occasion_what', sa.String(length=200), nullable=True),
    sa.Column('occasion_date', sa.Date(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('received', 'at_bench', 'waiting_parts', 'at_vendor', 'quality_check', 'ready', 'picked_up', 'cancelled', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status_at', sa.DateTime(), nullable=False),
    sa.Column('collected_by', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('deposit >= 0', name=op.f('ck_ticket_deposit_not_negative')),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['staff.id'], name=op.f('fk_ticket_assigned_to_id_staff')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_ticket_customer_id_customer')),
    sa.ForeignKeyConstraint(['taken_in_by_id'], ['staff.id'], name=op.f('fk_ticket_taken_in_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket')),
    sa.UniqueConstraint('number', name=op.f('uq_ticket_number'))
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_promised_for'), ['promised_for'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_status'), ['status'], unique=False)
        batch_op.create_index('ix_ticket_status_promised', ['status', 'promised_for'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_visit'), ['visit'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('phone', 'sms', 'email', 'in_person', name='channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_contact_by_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_contact_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('flag_handled',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('expected_ready', sa.Date(), nullable=True),
    sa.Column('promised_for', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_flag_handled_by_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_flag_handled_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_handled'))
    )
    with op.batch_alter_table('flag_handled', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_handled_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('parcel_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcel.id'], name=op.f('fk_parcel_item_parcel_id_parcel'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_parcel_item_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel_item')),
    sa.UniqueConstraint('parcel_id', 'ticket_id', name=op.f('uq_parcel_item_parcel_id'))
    )
    with op.batch_alter_table('parcel_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcel_item_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_payment_by_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_payment_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('mime', sa.String(length=40), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_photo_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo'))
    )
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photo_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('promise_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('old_date', sa.Date(), nullable=False),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_promise_change_by_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_promise_change_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promise_change'))
    )
    with op.batch_alter_table('promise_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_promise_change_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('ticket_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('received', 'at_bench', 'waiting_parts', 'at_vendor', 'quality_check', 'ready', 'picked_up', 'cancelled', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_ticket_event_by_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_ticket_event_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_event'))
    )
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_event_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('ticket_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_ticket_service_ticket_id_ticket'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_ticket_service_vendor_id_vendor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_service'))
    )
    with op.batch_alter_table('ticket_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_service_ticket_id'), ['ticket_id'], unique=False)


    _history_append_only()

def downgrade() -> None:
    _drop_history_guard()
    with op.batch_alter_table('ticket_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_service_ticket_id'))

    op.drop_table('ticket_service')
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_event_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_ticket_event_at'))

    op.drop_table('ticket_event')
    with op.batch_alter_table('promise_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_promise_change_ticket_id'))

    op.drop_table('promise_change')
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photo_ticket_id'))

    op.drop_table('photo')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_ticket_id'))

    op.drop_table('payment')
    with op.batch_alter_table('parcel_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcel_item_ticket_id'))

    op.drop_table('parcel_item')
    with op.batch_alter_table('flag_handled', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_handled_ticket_id'))

    op.drop_table('flag_handled')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_ticket_id'))

    op.drop_table('contact')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_visit'))
        batch_op.drop_index('ix_ticket_status_promised')
        batch_op.drop_index(batch_op.f('ix_ticket_status'))
        batch_op.drop_index(batch_op.f('ix_ticket_promised_for'))
        batch_op.drop_index(batch_op.f('ix_ticket_customer_id'))
        batch_op.drop_index(batch_op.f('ix_ticket_assigned_to_id'))

    op.drop_table('ticket')
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcel_vendor_id'))

    op.drop_table('parcel')
    op.drop_table('vendor')
    op.drop_table('store')
    op.drop_table('staff')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_phone_digits'))
        batch_op.drop_index(batch_op.f('ix_customer_phone'))
        batch_op.drop_index(batch_op.f('ix_customer_name'))

    op.drop_table('customer')
    op.drop_table('closed_date')
    op.drop_table('catalog_service')


# The chain of custody must hold even against a hand-written UPDATE: the
# database itself refuses to change or delete a history row.
def _history_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ticket_event_no_{action.lower()} BEFORE {action} ON ticket_event "
                "BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION ticket_event_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'status history is append-only'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER ticket_event_append_only BEFORE UPDATE OR DELETE ON ticket_event "
            "FOR EACH ROW EXECUTE FUNCTION ticket_event_append_only()"
        )


def _drop_history_guard() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS ticket_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS ticket_event_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS ticket_event_append_only ON ticket_event")
        op.execute("DROP FUNCTION IF EXISTS ticket_event_append_only()")
