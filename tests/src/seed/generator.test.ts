import { checksum, createWorld, isValidCreditCode, type Scale } from '../../../db/src/seed';

// In memory, without a database: a reduced scale keeps the three generations quick while
// exercising every generator.
const SCALE: Scale = { enterprises: 300, hazards: 3000, roadSegments: 60 };
const DAY = '2025-06-01';

describe('the demo generator', () => {
  let reference: string;
  beforeAll(() => {
    reference = checksum(createWorld(4309, SCALE, DAY));
  });

  test('the same seed and day give the same data, byte for byte', () => {
    expect(checksum(createWorld(4309, SCALE, DAY))).toBe(reference);
  });

  test('a different seed gives different data', () => {
    expect(checksum(createWorld(4310, SCALE, DAY))).not.toBe(reference);
  });

  test('a different anchor day gives different data', () => {
    expect(checksum(createWorld(4309, SCALE, '2025-06-02'))).not.toBe(reference);
  });

  test('the credit code check accepts a published code and refuses it with one character changed', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });

  test('every generated enterprise has a valid and unique credit code', () => {
    const codes = createWorld(4309, SCALE, DAY).enterprises.map((e) => e.row[2]!);
    expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
