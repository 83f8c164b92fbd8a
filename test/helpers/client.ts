import { expect } from 'vitest';
import type { ApiError, ErrorCode, MethodInput, MethodName, MethodOutput, Result } from '../../contract';
import type { Backend, Connection } from '../../main/api';

/** One connection to a backend, with typed calls: what a transport does, minus the wire. */
export interface TestClient {
  readonly backend: Backend;
  readonly conn: Connection;
  /** The raw Result. */
  attempt<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** The value, or the test fails with the error code and message. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Untyped, for invalid input and unknown methods. */
  raw(method: string, input: unknown): Promise<Result<unknown>>;
}

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Asserts the call failed with `code` and returns the error for further checks. */
export function expectFailure(r: Result<unknown>, code: ErrorCode): ApiError {
  expect(r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message }).toMatchObject({ ok: false, code });
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

export function clientFor(backend: Backend, conn: Connection): TestClient {
  const attempt = <M extends MethodName>(method: M, input: MethodInput<M>) =>
    backend.handle(conn, method, input) as Promise<Result<MethodOutput<M>>>;
  return {
    backend,
    conn,
    attempt,
    call: async (method, input) => unwrap(await attempt(method, input)),
    raw: (method, input) => backend.handle(conn, method, input),
  };
}

/** A new connection with no session. */
export function connect(backend: Backend): TestClient {
  return clientFor(backend, backend.newConnection('test'));
}

/** A new connection signed in as `user`; fails the test if sign-in does not succeed. */
export async function signedIn(backend: Backend, user: string, passphrase: string, otp?: string): Promise<TestClient> {
  const client = connect(backend);
  await client.call('auth.login', otp === undefined ? { user, passphrase } : { user, passphrase, otp });
  return client;
}
