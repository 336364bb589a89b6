/** Display helpers: amounts arrive as integer minor units with an ISO 4217 currency. */

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** The number of decimal places of the currency's minor unit (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units in major units, for charts (display only, never summed back). */
export function toMajor(amount: number, currency: string): number {
  return amount / 10 ** minorDigits(currency);
}

/** "$1,234.56" from 123456 minor units of USD. */
export function formatMoney(amount: number, currency = 'USD'): string {
  return formatterFor(currency).format(toMajor(amount, currency));
}

/** An amount already in major units (a chart axis), formatted in its currency. */
export function formatMajor(value: number, currency = 'USD'): string {
  return formatterFor(currency).format(value);
}
