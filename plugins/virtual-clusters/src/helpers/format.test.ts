import { formatBytes, formatMoney, formatQuotaValue } from './format';

describe('formatMoney', () => {
  it('keeps small amounts readable', () => {
    expect(formatMoney(12.5, 'USD')).toBe('$12.50');
    expect(formatMoney(0.0329, 'USD')).toBe('$0.0329');
    expect(formatMoney(0.000034, 'USD')).toBe('$0.000034');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });
});

describe('formatBytes', () => {
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});

describe('formatQuotaValue', () => {
  it('shows sizes, cores and counts', () => {
    expect(formatQuotaValue('requests.memory', '256Mi')).toBe('256.0 MiB');
    expect(formatQuotaValue('requests.storage', '5Gi')).toBe('5.0 GiB');
    expect(
      formatQuotaValue(
        'fast.storageclass.storage.k8s.io/requests.storage',
        '0',
      ),
    ).toBe('0 B');
    expect(formatQuotaValue('limits.cpu', '1500m')).toBe('1.5');
    expect(formatQuotaValue('count/pods', '20')).toBe('20');
    expect(formatQuotaValue('count/pods', 'many')).toBe('many');
  });
});
