import { randomBytes } from 'node:crypto';
import { unwrap } from '@mjomeet/ddd';
import {
  AccountId,
  createPasswordResetModule,
  ExpirePasswordResetScheduledCommand,
  HttpRequest,
  InMemoryAccountLookup,
  InMemoryPasswordResetNotifier,
  InMemoryTelemetry,
  PasswordResetId,
  PasswordResetModuleOptions,
} from '../index';
import { ManualClock, MINUTE } from '../testing/manual-clock';

const KNOWN = 'ada@example.com';
const UNKNOWN = 'nobody@example.com';
const CORRELATION_ID = '6f1c7e0a-9b2d-4c3e-8f4a-5b6c7d8e9f0a';

function setUp(overrides: Partial<PasswordResetModuleOptions> = {}) {
  const clock = new ManualClock();
  const telemetry = new InMemoryTelemetry();
  const notifier = new InMemoryPasswordResetNotifier(
    'https://meet.example.com',
  );
  const accountId = AccountId.generate();
  const module = createPasswordResetModule({
    pseudonymisationKey: randomBytes(32),
    accounts: new InMemoryAccountLookup([[KNOWN, accountId]]),
    notifier,
    telemetry,
    clock,
    ...overrides,
  });
  const post = (emailAddress: string, remoteAddress = '203.0.113.7') => {
    const request: HttpRequest = {
      body: { emailAddress },
      remoteAddress,
      headers: { 'x-correlation-id': CORRELATION_ID },
    };
    return module.endpoint.handle(request);
  };
  return { ...module, clock, telemetry, notifier, accountId, post };
}

const secretOf = (link: string) =>
  new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';

describe('RequestPasswordReset, end to end', () => {
  it('answers a known and an unknown address the same', async () => {
    const { post } = setUp();

    const known = await post(KNOWN);
    const unknown = await post(UNKNOWN);

    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
  });

  it('rate limits a known and an unknown address the same', async () => {
    const { post } = setUp();
    for (let i = 0; i < 3; i++) {
      await post(KNOWN, `198.51.100.${i}`);
      await post(UNKNOWN, `198.51.100.${i}`);
    }

    const known = await post(KNOWN, '198.51.100.9');
    const unknown = await post(UNKNOWN, '198.51.100.9');

    expect(known.status).toBe(429);
    expect(unknown).toEqual(known);
  });

  it('sends a link matching the stored hash, then expires it', async () => {
    const { post, notifier, resets, queue, clock, runDueCommands, accountId } =
      setUp();

    await post(KNOWN);

    const secret = secretOf(notifier.outbox[0].link);
    const active = await resets.findActiveByAccount(accountId);
    expect(active?.token.matches(secret)).toBe(true);
    expect(queue.pending.map((json) => JSON.parse(json))).toEqual([
      {
        type: ExpirePasswordResetScheduledCommand.TYPE,
        version: 1,
        runAt: '2030-01-01T09:30:00.000Z',
        payload: { passwordResetId: active?.id.value },
      },
    ]);

    expect(await runDueCommands()).toBe(0);
    clock.advance(30 * MINUTE);
    expect(await runDueCommands()).toBe(1);

    const expired = await resets.findById(
      unwrap(PasswordResetId.create(active!.id.value)),
    );
    expect(expired?.status).toBe('expired');
    expect(queue.pending).toEqual([]);
  });

  it('answers 202 when the listener fails, and reports it', async () => {
    const { post, telemetry, resets } = setUp({
      scheduler: {
        schedule: async () => {
          throw new Error('queue down: ada@example.com');
        },
      },
    });

    const response = await post(KNOWN);

    expect(response.status).toBe(202);
    expect(resets.snapshots()).toHaveLength(1);
    expect(telemetry.named('identity.listener.failed')).toEqual([
      {
        name: 'identity.listener.failed',
        attributes: {
          listener: 'OnPasswordResetRequestedListener',
          eventName: 'identity.PasswordResetRequested',
          eventId: expect.any(String),
          errorType: 'Error',
        },
      },
    ]);
  });

  it('never runs a tampered scheduled command, and reports it', async () => {
    const { queue, telemetry, clock, runDueCommands } = setUp();
    queue.injectRaw(
      JSON.stringify({
        type: ExpirePasswordResetScheduledCommand.TYPE,
        version: 1,
        runAt: clock.now().toISOString(),
        payload: { passwordResetId: "'; DROP TABLE password_resets; --" },
      }),
    );

    expect(await runDueCommands()).toBe(0);
    expect(telemetry.named('identity.scheduler.rejected')).toEqual([
      {
        name: 'identity.scheduler.rejected',
        attributes: { errorType: 'VALIDATION_FAILED' },
      },
    ]);
  });

  it('keeps addresses, IPs, tokens and hashes out of telemetry', async () => {
    const { post, telemetry, notifier, resets, clock, runDueCommands } =
      setUp();

    await post(KNOWN);
    await post(UNKNOWN, '2001:db8::7');
    for (let i = 0; i < 4; i++) await post(KNOWN, '198.51.100.1');
    clock.advance(30 * MINUTE);
    await runDueCommands();

    const recorded = JSON.stringify(telemetry.records);
    const secrets = notifier.outbox.map((mail) => secretOf(mail.link));
    const hashes = resets.snapshots().map((row) => row.tokenHash);
    expect(secrets.length).toBeGreaterThan(0);
    for (const personal of [
      KNOWN,
      UNKNOWN,
      '203.0.113.7',
      '2001:db8',
      '198.51.100.1',
      ...secrets,
      ...hashes,
    ]) {
      expect(recorded).not.toContain(personal);
    }
  });

  it('load: 500 requesters, 500 unknown addresses, no storage', async () => {
    const { post, resets, notifier, telemetry } = setUp();

    const statuses = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const ip = `10.${(i >> 8) & 255}.${i & 255}.1`;
      statuses.add((await post(`user${i}@example.com`, ip)).status);
    }

    expect([...statuses]).toEqual([202]);
    expect(resets.snapshots()).toEqual([]);
    expect(notifier.outbox).toEqual([]);
    expect(telemetry.named('identity.password_reset.requested')).toHaveLength(
      500,
    );
  });
});
