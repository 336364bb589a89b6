import { paymentEntryKey, paymentLines, paymentMemo } from './payments';

describe('paymentLines', () => {
  it('debits cash and credits the receivable for a payment received', () => {
    expect(paymentLines('payment', 2500)).toEqual([
      { account: 'cash', debit: 2500, credit: 0 },
      { account: 'receivable', debit: 0, credit: 2500 },
    ]);
  });

  it('debits the receivable and credits cash for a refund', () => {
    expect(paymentLines('refund', 700)).toEqual([
      { account: 'receivable', debit: 700, credit: 0 },
      { account: 'cash', debit: 0, credit: 700 },
    ]);
  });

  it('debits the payable and credits cash for a supplier payment', () => {
    expect(paymentLines('supplier-payment', 9900)).toEqual([
      { account: 'payable', debit: 9900, credit: 0 },
      { account: 'cash', debit: 0, credit: 9900 },
    ]);
  });
});

describe('paymentEntryKey', () => {
  it('derives the journal key from the payment key', () => {
    expect(paymentEntryKey('order:abc:payment:1')).toBe('payment:order:abc:payment:1');
  });
});

describe('paymentMemo', () => {
  it('says what happened, how, and the reference when there is one', () => {
    expect(paymentMemo('refund', 'card', 'R-17')).toBe('Refund paid by card (ref. R-17)');
    expect(paymentMemo('payment', 'bank-transfer')).toBe('Payment received by bank-transfer');
  });
});
