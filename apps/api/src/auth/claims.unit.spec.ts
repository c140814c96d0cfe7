import { InvalidClaimsError, parseClaims, parseUserId } from './claims';

const exp = Math.floor(Date.now() / 1000) + 3600;

describe('claim parsing', () => {
  it('reads sub as a decimal string or a number, and tenant_id as a number', () => {
    expect(parseClaims({ sub: '2', tenant_id: 3, exp })).toEqual({ tenantId: 3, userId: 2 });
    expect(parseClaims({ sub: 2, tenant_id: 3, exp })).toEqual({ tenantId: 3, userId: 2 });
  });

  it.each([['02'], ['+2'], [' 2'], ['2.5'], ['2.0'], ['2e0'], ['abc'], ['0'], [''], ['9007199254740993']])(
    'refuses the sub string %p',
    (sub) => {
      expect(parseUserId(sub)).toBeUndefined();
    },
  );

  it.each([[0], [-1], [2.5], [Number.MAX_SAFE_INTEGER + 1], [null], [true], [[2]]])(
    'refuses the sub value %p',
    (sub) => {
      expect(() => parseClaims({ sub, tenant_id: 3, exp })).toThrow('sub must be a positive integer user id');
    },
  );

  it('accepts the largest safe integer user id', () => {
    expect(parseUserId(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([['3'], [0], [-3], [3.5], [null], [undefined]])('refuses the tenant_id %p', (tenantId) => {
    expect(() => parseClaims({ sub: '2', tenant_id: tenantId, exp })).toThrow(
      'tenant_id must be a positive integer number',
    );
  });

  it('refuses a token without an expiry', () => {
    expect(() => parseClaims({ sub: '2', tenant_id: 3 })).toThrow('token has no expiry (exp)');
  });

  it('refuses a payload that is not an object', () => {
    expect(() => parseClaims('{"sub":"2"}')).toThrow(InvalidClaimsError);
    expect(() => parseClaims(null)).toThrow(InvalidClaimsError);
  });
});
