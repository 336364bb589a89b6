import {
  createContact,
  createInvoice,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type InvoiceView,
  type TestBooks,
} from './helpers';

interface PaymentView {
  payment_id: string;
  amount: number;
  unused_amount: number;
  amount_refunded: number;
  reference_number: string;
  invoices: { invoice_id: string; amount_applied: number; balance_amount: number }[];
}

describe('/customerpayments', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  async function getInvoice(invoiceId: string): Promise<InvoiceView> {
    return resource<InvoiceView>(await books.api.get(`/invoices/${invoiceId}`), 'invoice');
  }

  function pay(customerId: string, amount: number | string, invoices: unknown[] = [], extra = {}) {
    return books.api.post<Envelope>('/customerpayments', {
      customer_id: customerId,
      payment_mode: 'banktransfer',
      amount,
      date: '2024-05-01',
      invoices,
      ...extra,
    });
  }

  it('records a payment applied to an invoice and lowers its balance', async () => {
    const invoice = await createInvoice(books.api);

    const response = await pay(invoice.customer_id, 40, [
      { invoice_id: invoice.invoice_id, amount_applied: 40 },
    ]);

    expect(response.status).toBe(201);
    expect(response.data.code).toBe(0);
    expect(response.data.message).toBe('The payment has been created.');
    expect(resource<PaymentView>(response, 'payment')).toMatchObject({
      amount: 40,
      unused_amount: 0,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 40, balance_amount: 60 }],
    });
    expect(await getInvoice(invoice.invoice_id)).toMatchObject({
      status: 'partially_paid',
      balance: 60,
    });
  });

  it('marks the invoice paid when the balance reaches zero', async () => {
    const invoice = await createInvoice(books.api);
    await pay(invoice.customer_id, 60.01, [
      { invoice_id: invoice.invoice_id, amount_applied: 60.01 },
    ]);
    await pay(invoice.customer_id, 39.99, [
      { invoice_id: invoice.invoice_id, amount_applied: 39.99 },
    ]);

    expect(await getInvoice(invoice.invoice_id)).toMatchObject({ status: 'paid', balance: 0 });
  });

  it('refuses a payment above the invoice balance and changes nothing', async () => {
    const invoice = await createInvoice(books.api);
    await pay(invoice.customer_id, 90, [{ invoice_id: invoice.invoice_id, amount_applied: 90 }]);

    const response = await pay(invoice.customer_id, 10.01, [
      { invoice_id: invoice.invoice_id, amount_applied: 10.01 },
    ]);

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 24016,
      message: 'The amount entered is more than the balance due for this invoice',
    });
    expect((await getInvoice(invoice.invoice_id)).balance).toBe(10);
    const listed = await books.api.get<Envelope>('/customerpayments');
    expect(listed.data.customerpayments).toHaveLength(1);
  });

  it('refuses a payment applied to a void invoice', async () => {
    const invoice = await createInvoice(books.api);
    await books.api.post(`/invoices/${invoice.invoice_id}/status/void`);

    const response = await pay(invoice.customer_id, 10, [
      { invoice_id: invoice.invoice_id, amount_applied: 10 },
    ]);

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 24018,
      message: `Payments cannot be recorded for invoice ${invoice.invoice_number} as it is void.`,
    });
  });

  it('refuses applying more than the payment amount, and another customer’s invoice', async () => {
    const invoice = await createInvoice(books.api);
    const stranger = await createContact(books.api);

    const tooMuch = await pay(invoice.customer_id, 5, [
      { invoice_id: invoice.invoice_id, amount_applied: 6 },
    ]);
    const wrongCustomer = await pay(stranger, 5, [
      { invoice_id: invoice.invoice_id, amount_applied: 5 },
    ]);

    expect(tooMuch.status).toBe(400);
    expect(tooMuch.data).toEqual({
      code: 24017,
      message: 'The amount applied to invoices is more than the amount received.',
    });
    expect(wrongCustomer.data).toEqual({
      code: 24019,
      message: `Invoice ${invoice.invoice_number} does not belong to customer ${stranger}.`,
    });
  });

  it('refuses an amount with more than two decimals', async () => {
    const response = await pay(await createContact(books.api), '10.005');

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 4, message: 'Invalid value passed for amount' });
  });

  it('records an unapplied payment and refunds it, up to its unused amount', async () => {
    const customerId = await createContact(books.api);
    const payment = resource<PaymentView>(await pay(customerId, 25), 'payment');
    expect(payment.unused_amount).toBe(25);

    const refund = await books.api.post<Envelope>(
      `/customerpayments/${payment.payment_id}/refunds`,
      {
        date: '2024-05-02',
        amount: 20,
        refund_mode: 'banktransfer',
        reference_number: 'RF-1',
      },
    );
    expect(refund.status).toBe(201);
    expect(refund.data.code).toBe(0);
    expect(refund.data.message).toBe('The refund information for this payment has been saved.');
    expect(resource(refund, 'payment_refund')).toMatchObject({
      payment_refund_id: expect.stringMatching(/^\d+$/),
      payment_id: payment.payment_id,
      amount: 20,
      reference_number: 'RF-1',
    });

    const tooMuch = await books.api.post<Envelope>(
      `/customerpayments/${payment.payment_id}/refunds`,
      { date: '2024-05-02', amount: 5.01 },
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.data).toEqual({
      code: 24020,
      message: `The refund amount 5.01 is more than the unused amount 5 of payment ${payment.payment_id}.`,
    });

    const after = await books.api.get<Envelope>(`/customerpayments/${payment.payment_id}`);
    expect(resource<PaymentView>(after, 'payment')).toMatchObject({
      unused_amount: 5,
      amount_refunded: 20,
    });
    const refunds = await books.api.get<Envelope>(
      `/customerpayments/${payment.payment_id}/refunds`,
    );
    expect(refunds.data.payment_refunds).toHaveLength(1);
  });

  it('updates a payment and re-checks its applications', async () => {
    const invoice = await createInvoice(books.api);
    const payment = resource<PaymentView>(
      await pay(invoice.customer_id, 50, [{ invoice_id: invoice.invoice_id, amount_applied: 50 }]),
      'payment',
    );

    const raised = await books.api.put<Envelope>(`/customerpayments/${payment.payment_id}`, {
      amount: 100,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 100 }],
    });
    expect(raised.status).toBe(200);
    expect(raised.data.message).toBe('The payment details have been updated.');
    expect((await getInvoice(invoice.invoice_id)).status).toBe('paid');

    const over = await books.api.put<Envelope>(`/customerpayments/${payment.payment_id}`, {
      amount: 101,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 101 }],
    });
    expect(over.status).toBe(400);
    expect(over.data.code).toBe(24016);
  });

  it('answers an unknown payment with 404 and code 1002', async () => {
    const response = await books.api.get<Envelope>('/customerpayments/460000000999999');

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Payment does not exist.' });
  });

  it('filters payments by reference_number and pages them', async () => {
    const customerId = await createContact(books.api);
    await pay(customerId, 1, [], { reference_number: 'PAY-1' });
    await pay(customerId, 2, [], { reference_number: 'PAY-2' });
    await pay(customerId, 3, [], { reference_number: 'PAY-3' });

    const byReference = await books.api.get<Envelope>('/customerpayments', {
      params: { reference_number: 'PAY-2' },
    });
    const secondPage = await books.api.get<Envelope>('/customerpayments', {
      params: { page: 2, per_page: 2 },
    });

    expect((byReference.data.customerpayments as PaymentView[]).map((p) => p.amount)).toEqual([2]);
    expect((secondPage.data.customerpayments as PaymentView[]).map((p) => p.amount)).toEqual([3]);
    expect(secondPage.data.page_context).toMatchObject({ page: 2, has_more_page: false });
  });
});
