import { createHash, randomBytes } from 'node:crypto';
import { DomainEvent, EventPublisher, unwrap } from '@mjomeet/ddd';
import {
  AccountId,
  HmacPseudonymiser,
  InMemoryAccountLookup,
  InMemoryPasswordResetNotifier,
  InMemoryPasswordResetRepository,
  InMemoryTelemetry,
  PasswordReset,
  PasswordResetRequested,
  PasswordResetSuperseded,
  PasswordResetTelemetry,
  RateLimitedError,
  RequestPasswordResetCommand,
  RequestPasswordResetHandler,
  ResetToken,
  SlidingWindowRateLimiter,
} from '../../index';
import { ManualClock, MINUTE } from '../../testing/manual-clock';

const KNOWN = 'Ada.Lovelace@Example.com';
const UNKNOWN = 'Nobody.Here@Example.com';

function setUp(tokenTtlMs?: number) {
  const clock = new ManualClock();
  const accountId = AccountId.generate();
  const published: DomainEvent[] = [];
  const events: EventPublisher = {
    publish: async (recorded) => {
      published.push(...recorded);
      return [];
    },
  };
  const deps = {
    accounts: new InMemoryAccountLookup([[KNOWN, accountId]]),
    resets: new InMemoryPasswordResetRepository(),
    notifier: new InMemoryPasswordResetNotifier('https://meet.example.com'),
    events,
    requesterLimiter: new SlidingWindowRateLimiter({
      limit: 10,
      windowMs: 15 * MINUTE,
      clock,
    }),
    accountLimiter: new SlidingWindowRateLimiter({
      limit: 3,
      windowMs: 60 * MINUTE,
      clock,
    }),
    pseudonymiser: new HmacPseudonymiser(randomBytes(32)),
    telemetry: new InMemoryTelemetry(),
    clock,
    random: jest.fn((size: number) => randomBytes(size)),
    tokenTtlMs,
  };
  const handler = new RequestPasswordResetHandler(deps);
  const request = (emailAddress: string, requesterIp = '203.0.113.7') =>
    handler.execute(
      unwrap(RequestPasswordResetCommand.create({ emailAddress, requesterIp })),
    );
  return { ...deps, accountId, published, handler, request };
}

/**
 * Counts the calls to every piece of work the handler may do while it
 * answers one request for `emailAddress`, on fresh adapters.
 */
async function workFor(emailAddress: string) {
  const deps = setUp();
  const spies = {
    pseudonymise: jest.spyOn(deps.pseudonymiser, 'pseudonymise'),
    requesterLimit: jest.spyOn(deps.requesterLimiter, 'consume'),
    accountLimit: jest.spyOn(deps.accountLimiter, 'consume'),
    accountLookup: jest.spyOn(deps.accounts, 'findAccountIdByEmail'),
    randomBytes: deps.random,
    tokenIssue: jest.spyOn(ResetToken, 'issue'),
    activeQuery: jest.spyOn(deps.resets, 'findActiveByAccount'),
    aggregate: jest.spyOn(PasswordReset, 'request'),
    save: jest.spyOn(deps.resets, 'save'),
    sendLink: jest.spyOn(deps.notifier, 'sendResetLink'),
    publish: jest.spyOn(deps.events, 'publish'),
  };
  await deps.request(emailAddress);
  const work = Object.fromEntries(
    Object.entries(spies).map(([name, spy]) => [name, spy.mock.calls.length]),
  );
  const randomSizes = deps.random.mock.calls.map(([size]) => size);
  jest.restoreAllMocks();
  return { work, randomSizes };
}

const secretOf = (link: string) =>
  new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';

describe('RequestPasswordResetHandler', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('enumeration', () => {
    it('gives the same answer for a known and an unknown address', async () => {
      const known = await setUp().request(KNOWN);
      const unknown = await setUp().request(UNKNOWN);

      expect(known).toEqual({ ok: true, value: { accepted: true } });
      expect(unknown).toEqual(known);
    });

    it('does the same work for both, but for saving and sending', async () => {
      const known = await workFor(KNOWN);
      const unknown = await workFor(UNKNOWN);

      expect(known.work).toEqual({
        pseudonymise: 2,
        requesterLimit: 1,
        accountLimit: 1,
        accountLookup: 1,
        randomBytes: 1,
        tokenIssue: 1,
        activeQuery: 1,
        aggregate: 1,
        save: 1,
        sendLink: 1,
        publish: 1,
      });
      expect(unknown.work).toEqual({
        ...known.work,
        save: 0,
        sendLink: 0,
        publish: 0,
      });
      expect(unknown.randomSizes).toEqual(known.randomSizes);
    });

    it('stores and sends nothing for an unknown address', async () => {
      const { request, resets, notifier, published } = setUp();

      await request(UNKNOWN);

      expect(resets.snapshots()).toEqual([]);
      expect(notifier.outbox).toEqual([]);
      expect(published).toEqual([]);
    });

    it('answers accepted when saving fails; records no details', async () => {
      const failing = setUp();
      jest
        .spyOn(failing.resets, 'save')
        .mockRejectedValue(new Error(`db down for ${KNOWN}`));

      const result = await failing.request(KNOWN);

      expect(result).toEqual(await setUp().request(UNKNOWN));
      expect(
        failing.telemetry.named(PasswordResetTelemetry.DELIVERY_FAILED),
      ).toEqual([
        {
          name: PasswordResetTelemetry.DELIVERY_FAILED,
          attributes: { account: expect.any(String), errorType: 'Error' },
        },
      ]);
      expect(JSON.stringify(failing.telemetry.records)).not.toContain(
        'db down',
      );
    });
  });

  describe('rate limiting', () => {
    it('allows a burst of 10 per requester, then refuses', async () => {
      const { request } = setUp();

      const outcomes = [];
      for (let i = 0; i < 15; i++) {
        outcomes.push(await request(`person${i}@example.com`));
      }

      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
      expect(
        outcomes.slice(10).map((outcome) => !outcome.ok && outcome.error),
      ).toEqual(Array(5).fill(expect.any(RateLimitedError)));
    });

    it.each([KNOWN, UNKNOWN])(
      'allows 3 requests per address (%s) from many requesters',
      async (email) => {
        const { request } = setUp();

        const allowed = [];
        for (let i = 1; i <= 6; i++) {
          allowed.push((await request(email, `198.51.100.${i}`)).ok);
        }

        expect(allowed).toEqual([true, true, true, false, false, false]);
      },
    );

    it('counts a whole IPv6 /64 as one requester', async () => {
      const { request } = setUp();

      const allowed = [];
      for (let i = 1; i <= 11; i++) {
        const ip = `2001:db8:a:b:${i.toString(16)}::1`;
        allowed.push((await request(`p${i}@example.com`, ip)).ok);
      }

      expect(allowed.filter(Boolean)).toHaveLength(10);
      expect(allowed[10]).toBe(false);
    });

    it('refuses a flood without spending the address budget', async () => {
      const { request, accountLimiter } = setUp();
      for (let i = 0; i < 10; i++) await request(`p${i}@example.com`);
      const consume = jest.spyOn(accountLimiter, 'consume');

      const result = await request(KNOWN);

      expect(!result.ok && result.error).toBeInstanceOf(RateLimitedError);
      expect(consume).not.toHaveBeenCalled();
    });

    it('says when to retry, and allows again after the window', async () => {
      const { request, clock } = setUp();
      for (let i = 0; i < 3; i++) await request(KNOWN, `198.51.100.${i}`);
      clock.advance(20 * MINUTE);

      const refused = await request(KNOWN, '198.51.100.9');
      clock.advance(40 * MINUTE);
      const allowed = await request(KNOWN, '198.51.100.9');

      expect(!refused.ok && refused.error).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 40 * 60,
      });
      expect(allowed.ok).toBe(true);
    });
  });

  describe('privacy', () => {
    it('keeps addresses, IPs, tokens and hashes out of telemetry', async () => {
      const { request, telemetry, notifier, resets } = setUp();

      await request(KNOWN);
      await request(UNKNOWN);
      for (let i = 0; i < 3; i++) await request(KNOWN, '198.51.100.1');

      const recorded = JSON.stringify(telemetry.records).toLowerCase();
      const secret = secretOf(notifier.outbox[0].link);
      const [stored] = resets.snapshots();
      expect(telemetry.records.length).toBeGreaterThanOrEqual(5);
      for (const personal of [
        KNOWN.toLowerCase(),
        UNKNOWN.toLowerCase(),
        'lovelace',
        '203.0.113.7',
        '198.51.100.1',
        secret.toLowerCase(),
        stored.tokenHash,
      ]) {
        expect(recorded).not.toContain(personal);
      }
    });

    it('records one pseudonym per address, whatever its case', async () => {
      const { request, telemetry } = setUp();

      await request(KNOWN);
      await request(KNOWN.toUpperCase());

      const [first, second] = telemetry.named(PasswordResetTelemetry.REQUESTED);
      expect(first.attributes.account).toBe(second.attributes.account);
      expect(first.attributes.accountKnown).toBe(true);
    });
  });

  describe('the known account', () => {
    it('stores the hash, and sends the secret in the link only', async () => {
      const { request, resets, notifier, accountId } = setUp();

      await request(KNOWN);

      const [stored] = resets.snapshots();
      const [mail] = notifier.outbox;
      const secret = secretOf(mail.link);
      expect(mail.accountId).toBe(accountId.value);
      expect(mail.to.value).toBe(KNOWN.toLowerCase());
      expect(stored.tokenHash).toBe(
        createHash('sha256').update(secret).digest('hex'),
      );
      expect(stored.expiresAt).toBe('2030-01-01T09:30:00.000Z');
    });

    it('publishes PasswordResetRequested with ids and dates only', async () => {
      const { request, published, accountId } = setUp();

      await request(KNOWN);

      expect(published).toHaveLength(1);
      expect(published[0]).toBeInstanceOf(PasswordResetRequested);
      expect(published[0].payload).toEqual({
        accountId: accountId.value,
        expiresAt: '2030-01-01T09:30:00.000Z',
      });
    });

    it('keeps one active request: a new one supersedes the last', async () => {
      const { request, resets, published, notifier } = setUp();

      await request(KNOWN);
      await request(KNOWN);

      const statuses = resets.snapshots().map((row) => row.status);
      expect(statuses.sort()).toEqual(['active', 'superseded']);
      expect(published.map((event) => event.eventName)).toEqual([
        PasswordResetRequested.EVENT_NAME,
        PasswordResetSuperseded.EVENT_NAME,
        PasswordResetRequested.EVENT_NAME,
      ]);
      const [first, second] = notifier.outbox.map((mail) =>
        secretOf(mail.link),
      );
      const active = await resets.findActiveByAccount(
        unwrap(AccountId.create(notifier.outbox[1].accountId)),
      );
      expect(active?.token.matches(second)).toBe(true);
      expect(active?.token.matches(first)).toBe(false);
    });
  });

  it.each([0, 59_999, 24 * 60 * MINUTE + 1, 1.5])(
    'refuses a token lifetime of %j ms',
    (tokenTtlMs) => {
      expect(() => setUp(tokenTtlMs)).toThrow(RangeError);
    },
  );
});
