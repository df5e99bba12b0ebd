import { parseQuantity } from './quantities';

describe('parseQuantity', () => {
  it('reads Kubernetes quantities into cores, bytes and counts', () => {
    expect(parseQuantity('200m')).toBeCloseTo(0.2);
    expect(parseQuantity('4')).toBe(4);
    expect(parseQuantity('256Mi')).toBe(256 * 1024 ** 2);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('0.5Gi')).toBe(512 * 1024 ** 2);
    // which client-node's quantityToScalar refuses
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseQuantity('a lot')).toBeNaN();
    expect(parseQuantity('5Xi')).toBeNaN();
  });
});
