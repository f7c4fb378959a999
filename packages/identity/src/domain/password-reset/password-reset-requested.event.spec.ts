import { PasswordResetId, PasswordResetRequested } from '../../index';

describe('PasswordResetRequested', () => {
  const aggregateId = PasswordResetId.generate().value;
  const payload = {
    accountId: '0b5e3a4c-1d2f-4a6b-8c9d-0e1f2a3b4c5d',
    expiresAt: '2030-01-01T09:30:00.000Z',
  };

  it('names itself and its aggregate', () => {
    const event = new PasswordResetRequested({ aggregateId, payload });

    expect(event.eventName).toBe('identity.PasswordResetRequested');
    expect(event.aggregateId).toBe(aggregateId);
    expect(event.version).toBe(1);
  });

  it('survives a JSON round trip with ids and dates only', () => {
    const event = new PasswordResetRequested({ aggregateId, payload });

    const json = JSON.parse(JSON.stringify(event));

    expect(json).toEqual({
      eventId: event.eventId,
      eventName: PasswordResetRequested.EVENT_NAME,
      aggregateId,
      occurredAt: event.occurredAt.toISOString(),
      version: 1,
      payload,
    });
  });
});
