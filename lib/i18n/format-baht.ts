/** One formatter for every page and message: building an Intl formatter costs more than using one. */
const baht = new Intl.NumberFormat('en-US');

/** Whole baht as pages and messages write them (1,200), without the sign. */
export const formatBaht = (amount: number) => baht.format(amount);
