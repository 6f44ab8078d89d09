import { rpc, serviceCaller } from '../db';

/** The POS reports a sale: recorded once by its id; 500 THB or more in an active campaign credits one draw. */
export function recordSalesTransaction(body: { transactionId: string; customerId: string; amountThb: number; occurredAt?: string }) {
  return rpc(
    'record_sales_transaction',
    { p_transaction_id: body.transactionId, p_customer_id: body.customerId, p_amount_thb: body.amountThb, p_occurred_at: body.occurredAt },
    serviceCaller,
  );
}
