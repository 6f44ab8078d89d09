import { route } from '@/lib/http/route';
import { recordSalesTransaction } from '@/lib/lucky-draw/record-sales-transaction';
import { recordSalesTransactionContract } from '@/lib/lucky-draw/schemas';

export const dynamic = 'force-dynamic';

// POST /api/lucky-draw/sales-transactions – the POS records a sale, crediting a draw once (system)
export const POST = route(recordSalesTransactionContract, ({ body }) => recordSalesTransaction(body));
