import * as v from 'valibot';
import {
  AccountResponseSchema,
  DeviceParamsSchema,
  DevicesResponseSchema,
  KitEmailRequestSchema,
  PasswordFinishRequestSchema,
  PasswordFinishResponseSchema,
  PasswordStartRequestSchema,
  PasswordStartResponseSchema,
} from './account';
import {
  LoginFinishRequestSchema,
  LoginStartRequestSchema,
  LoginStartResponseSchema,
  PreloginRequestSchema,
  PreloginResponseSchema,
  SessionGrantSchema,
  SignupFinishRequestSchema,
  SignupStartRequestSchema,
  SignupStartResponseSchema,
} from './auth';
import { PullQuerySchema, PullResponseSchema, PushRequestSchema, PushResponseSchema } from './items';
import { DEFAULT_BODY_MAX_BYTES, PUSH_BODY_MAX_BYTES } from './limits';
import {
  RecoveryLoginFinishRequestSchema,
  RecoveryLoginStartRequestSchema,
  RecoveryLoginStartResponseSchema,
  RecoveryRegisterFinishRequestSchema,
  RecoveryRegisterStartRequestSchema,
  RecoveryRegisterStartResponseSchema,
  RecoverySessionGrantSchema,
} from './recovery';
import { ResetFinishRequestSchema, ResetStartRequestSchema } from './reset';

/**
 * Every endpoint of the sync API in one table: method, path, who may call it, and the schemas of its input and
 * output. The server registers its routes from this table (a route missing from it fails at start-up) and the
 * client (client.ts) calls endpoints by name, so both sides share one definition of the wire.
 *
 * auth: 'none' (public), 'full' (a full session), 'any-session' (a full OR a recovery session: only the password
 * change, since a recovery session may do nothing else).
 */
export type EndpointAuth = 'none' | 'full' | 'any-session';

export interface EndpointDef {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly auth: EndpointAuth;
  /** Success status; 202/204 answers carry no body. */
  readonly status: 200 | 202 | 204;
  readonly body?: v.GenericSchema;
  readonly query?: v.GenericSchema;
  readonly params?: v.GenericSchema;
  readonly response: v.GenericSchema | null;
  /** Largest accepted body (413 payload-too-large above it, before parsing). */
  readonly maxBodyBytes?: number;
}

const HealthResponseSchema = v.strictObject({ status: v.literal('ok') });

export const ENDPOINTS = {
  health: { method: 'GET', path: '/v1/health', auth: 'none', status: 200, response: HealthResponseSchema },

  prelogin: {
    method: 'POST',
    path: '/v1/prelogin',
    auth: 'none',
    status: 200,
    body: PreloginRequestSchema,
    response: PreloginResponseSchema,
  },
  signupStart: {
    method: 'POST',
    path: '/v1/signup/start',
    auth: 'none',
    status: 200,
    body: SignupStartRequestSchema,
    response: SignupStartResponseSchema,
  },
  signupFinish: {
    method: 'POST',
    path: '/v1/signup/finish',
    auth: 'none',
    status: 200,
    body: SignupFinishRequestSchema,
    response: SessionGrantSchema,
  },
  loginStart: {
    method: 'POST',
    path: '/v1/login/start',
    auth: 'none',
    status: 200,
    body: LoginStartRequestSchema,
    response: LoginStartResponseSchema,
  },
  loginFinish: {
    method: 'POST',
    path: '/v1/login/finish',
    auth: 'none',
    status: 200,
    body: LoginFinishRequestSchema,
    response: SessionGrantSchema,
  },

  logout: { method: 'POST', path: '/v1/logout', auth: 'full', status: 204, response: null },
  devices: { method: 'GET', path: '/v1/devices', auth: 'full', status: 200, response: DevicesResponseSchema },
  revokeDevice: {
    method: 'DELETE',
    path: '/v1/devices/:id',
    auth: 'full',
    status: 204,
    params: DeviceParamsSchema,
    response: null,
  },
  account: { method: 'GET', path: '/v1/account', auth: 'full', status: 200, response: AccountResponseSchema },

  passwordStart: {
    method: 'POST',
    path: '/v1/password/start',
    auth: 'any-session',
    status: 200,
    body: PasswordStartRequestSchema,
    response: PasswordStartResponseSchema,
  },
  passwordFinish: {
    method: 'POST',
    path: '/v1/password/finish',
    auth: 'any-session',
    status: 200,
    body: PasswordFinishRequestSchema,
    response: PasswordFinishResponseSchema,
  },

  recoveryRegisterStart: {
    method: 'POST',
    path: '/v1/recovery/register/start',
    auth: 'full',
    status: 200,
    body: RecoveryRegisterStartRequestSchema,
    response: RecoveryRegisterStartResponseSchema,
  },
  recoveryRegisterFinish: {
    method: 'POST',
    path: '/v1/recovery/register/finish',
    auth: 'full',
    status: 204,
    body: RecoveryRegisterFinishRequestSchema,
    response: null,
  },
  recoveryDelete: { method: 'DELETE', path: '/v1/recovery', auth: 'full', status: 204, response: null },
  recoveryLoginStart: {
    method: 'POST',
    path: '/v1/recovery/login/start',
    auth: 'none',
    status: 200,
    body: RecoveryLoginStartRequestSchema,
    response: RecoveryLoginStartResponseSchema,
  },
  recoveryLoginFinish: {
    method: 'POST',
    path: '/v1/recovery/login/finish',
    auth: 'none',
    status: 200,
    body: RecoveryLoginFinishRequestSchema,
    response: RecoverySessionGrantSchema,
  },

  pull: {
    method: 'GET',
    path: '/v1/items',
    auth: 'full',
    status: 200,
    query: PullQuerySchema,
    response: PullResponseSchema,
  },
  push: {
    method: 'POST',
    path: '/v1/items',
    auth: 'full',
    status: 200,
    body: PushRequestSchema,
    response: PushResponseSchema,
    maxBodyBytes: PUSH_BODY_MAX_BYTES,
  },

  resetStart: {
    method: 'POST',
    path: '/v1/reset/start',
    auth: 'none',
    status: 202,
    body: ResetStartRequestSchema,
    response: null,
  },
  resetFinish: {
    method: 'POST',
    path: '/v1/reset/finish',
    auth: 'none',
    status: 204,
    body: ResetFinishRequestSchema,
    response: null,
  },

  kitEmail: {
    method: 'POST',
    path: '/v1/kit-email',
    auth: 'full',
    status: 202,
    body: KitEmailRequestSchema,
    response: null,
  },
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

export function maxBodyBytes(def: EndpointDef): number {
  return def.maxBodyBytes ?? DEFAULT_BODY_MAX_BYTES;
}

type SchemaIn<D, K extends string> = D extends { [P in K]: infer S extends v.GenericSchema }
  ? v.InferInput<S>
  : never;
type SchemaOut<D, K extends string> = D extends { [P in K]: infer S extends v.GenericSchema }
  ? v.InferOutput<S>
  : never;

/** What the client sends (JSON-ready) and the server receives (parsed) for an endpoint. */
export type BodyInput<N extends EndpointName> = SchemaIn<Endpoints[N], 'body'>;
export type BodyOutput<N extends EndpointName> = SchemaOut<Endpoints[N], 'body'>;
export type QueryOutput<N extends EndpointName> = SchemaOut<Endpoints[N], 'query'>;
export type ParamsOutput<N extends EndpointName> = SchemaOut<Endpoints[N], 'params'>;
/** The response as the server writes it (dates as ISO strings) and as the client reads it (Dates). */
export type ResponseWire<N extends EndpointName> = Endpoints[N]['response'] extends v.GenericSchema
  ? v.InferInput<Endpoints[N]['response']>
  : null;
export type ResponseOutput<N extends EndpointName> = Endpoints[N]['response'] extends v.GenericSchema
  ? v.InferOutput<Endpoints[N]['response']>
  : null;
