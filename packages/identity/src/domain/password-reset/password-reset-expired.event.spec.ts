import { PasswordResetExpired, PasswordResetId } from '../../index';

describe('PasswordResetExpired', () => {
  const aggregateId = PasswordResetId.generate().value;
  const payload = { accountId: '0b5e3a4c-1d2f-4a6b-8c9d-0e1f2a3b4c5d' };

  it('names itself and survives a JSON round trip with ids only', () => {
    const event = new PasswordResetExpired({ aggregateId, payload });

    const json = JSON.parse(JSON.stringify(event));

    expect(json).toMatchObject({
      eventName: 'identity.PasswordResetExpired',
      aggregateId,
      version: 1,
      payload,
    });
  });
});
