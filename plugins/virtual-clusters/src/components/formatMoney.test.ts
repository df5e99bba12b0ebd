import { formatMoney } from './formatMoney';

describe('formatMoney', () => {
  it('keeps small amounts readable', () => {
    expect(formatMoney(12.5, 'USD')).toBe('$12.50');
    expect(formatMoney(0.0329, 'USD')).toBe('$0.0329');
    expect(formatMoney(0.000034, 'USD')).toBe('$0.000034');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });
});
