import { toCsv, withoutFormula } from './csv';

describe('CSV cells', () => {
  it('writes text that a spreadsheet would run as a formula with a leading quote', () => {
    expect(withoutFormula('=HYPERLINK("http://x.test")')).toBe(`'=HYPERLINK("http://x.test")`);
    expect(withoutFormula('+1+2')).toBe("'+1+2");
    expect(withoutFormula('-2+3')).toBe("'-2+3");
    expect(withoutFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(withoutFormula('\tcmd')).toBe("'\tcmd");
  });

  it('keeps ordinary text and negative numbers written as text', () => {
    expect(withoutFormula('Alfreds Futterkiste')).toBe('Alfreds Futterkiste');
    expect(withoutFormula('-12.50')).toBe('-12.50');
    expect(withoutFormula('a=b')).toBe('a=b');
  });

  it('keeps negative amounts, which are numbers, as they are', () => {
    expect(toCsv(['name', 'balance'], [{ name: '=1+1', balance: -6395502 }])).toBe(
      "name,balance\r\n'=1+1,-6395502\r\n",
    );
  });
});
