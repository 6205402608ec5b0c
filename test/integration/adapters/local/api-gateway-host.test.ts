import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatRequestLog,
  type HostRequestLog,
  startApiGatewayHost,
} from '../../../../adapters/local/api-gateway-host.ts';
import { hostProblem } from '../../../../functions/platform/problem.ts';
import { Problem } from '../../../../schemas/api/problem.ts';

/** Each answer must come within this; a request left hanging fails the test instead of stalling it. */
const ANSWER_WITHIN_MS = 3_000;

let url: string;
let close: () => Promise<void>;
const logged: HostRequestLog[] = [];

beforeAll(async () => {
  const host = await startApiGatewayHost({
    port: 0,
    problem: hostProblem,
    log: (line) => logged.push(line),
    routes: [
      {
        method: 'GET',
        path: '/v1/records/{id}',
        functionName: 'getRecord',
        load: async () => async (event) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters) }),
      },
      {
        method: 'POST',
        path: '/v1/records',
        functionName: 'post',
        load: async () => async () => ({ statusCode: 202, body: '{}' }),
      },
    ],
  });
  url = host.url;
  close = () =>
    new Promise<void>((resolve) => {
      host.server.close(() => resolve());
      host.server.closeAllConnections();
    });
});
afterAll(() => close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      { method, headers: options.headers, agent: options.agent, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Writes bytes on a raw socket and reads until the server closes it. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => reject(new Error('no answer')), ANSWER_WITHIN_MS);
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', reject);
    socket.end(bytes);
  });
}

function expectProblem(answer: Pick<Answer, 'status' | 'body'> & { type: string | undefined }, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(Problem.safeParse(JSON.parse(answer.body)).success).toBe(true);
}

const stillUp = async () => expect((await send('GET', '/v1/records/rec_1')).status).toBe(200);

describe('local API Gateway host', () => {
  it.each(['%E0%A4%A', '%ZZ', '%', '%FF', '%ED%A0%80', '%C0%AE'])(
    'answers 400 problem+json to the malformed path parameter %s and keeps serving',
    async (param) => {
      const answer = await send('GET', `/v1/records/${param}`);
      expectProblem({ ...answer, type: answer.headers['content-type'] as string }, 400);
      expect(JSON.parse(answer.body).code).toBe('malformed-path');
      await stillUp();
    },
  );

  it('answers 431 problem+json to headers over 16 KB, and closes the connection', async () => {
    const answer = await raw(`GET /v1/records/rec_1 HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(head).toMatch(/connection: close/i);
    expectProblem({ status: JSON.parse(body).status, body, type: 'application/problem+json' }, 431);
    expect(answer).not.toContain('aaaa');
    await stillUp();
  });

  it('answers 400 problem+json to a request line the parser refuses', async () => {
    const answer = await raw('NOT A REQUEST\r\n\r\n');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expectProblem({ status: JSON.parse(body).status, body, type: 'application/problem+json' }, 400);
    expect(JSON.parse(body).code).toBe('malformed-request');
    await stillUp();
  });

  it('answers the next request on a kept-alive connection at once after a 413', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooLarge = await send('POST', '/v1/records', {
        agent,
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(10 * 1024 * 1024 + 1024, 0x20),
      });
      const next = await send('GET', '/v1/records/rec_2', { agent });
      expectProblem({ ...tooLarge, type: tooLarge.headers['content-type'] as string }, 413);
      expect(next.status).toBe(200);
      expect(tooLarge.headers.connection).toBe('close');
    } finally {
      agent.destroy();
    }
  });

  it('logs one line per request with the route template, status and request id, never the raw path or query', async () => {
    logged.length = 0;
    const answer = await send('GET', '/v1/records/rec_secret-42?cursor=abc');
    await expect.poll(() => logged.length).toBe(1);
    const [line] = logged;
    expect(line).toEqual({
      method: 'GET',
      route: '/v1/records/{id}',
      status: 200,
      durationMs: expect.any(Number),
      requestId: answer.headers['apigw-requestid'],
    });
    expect(JSON.stringify(logged)).not.toMatch(/rec_secret|cursor|abc/);
    expect(formatRequestLog(line!)).toBe(`GET /v1/records/{id} 200 ${line!.durationMs}ms ${line!.requestId}`);
  });
});
