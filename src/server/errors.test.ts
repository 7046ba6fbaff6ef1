import { describe, expect, it } from 'vitest';
import { statusForCode, validationError } from './errors.ts';
import { openApiPath } from './openapi.ts';
import { parseCorsOrigins } from './security.ts';

describe('server error mapping', () => {
  it('statusForCode maps input codes to 400, E_NOT_FOUND to 404, E_INSUFFICIENT_DATA to 422, the rest to 500', () => {
    expect(
      ['E_INPUT', 'E_USAGE', 'E_SCHEMA', 'E_PARSE'].map((c) => statusForCode(c as never)),
    ).toEqual([400, 400, 400, 400]);
    expect(statusForCode('E_NOT_FOUND')).toBe(404);
    expect(statusForCode('E_INSUFFICIENT_DATA')).toBe(422);
    expect(statusForCode('E_NOT_CONVERGED')).toBe(500);
    expect(statusForCode('E_GATE')).toBe(500);
  });

  it('validationError names the field, shows the value and joins the expectations of an anyOf', () => {
    const e = validationError(
      [
        {
          instancePath: '/params',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
        },
        {
          instancePath: '/params',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        },
        {
          instancePath: '/params',
          keyword: 'anyOf',
          params: {},
          message: 'must match a schema in anyOf',
        },
      ],
      'body',
      { params: { big: true } },
    );
    expect(e).toEqual({
      code: 'E_INPUT',
      field: 'params',
      message: 'invalid params: {"big":true} (expected: a number or a string)',
    });
  });

  it('validationError reports a missing required property by its name', () => {
    const e = validationError(
      [
        {
          instancePath: '',
          keyword: 'required',
          params: { missingProperty: 'gpqa' },
          message: "must have required property 'gpqa'",
        },
      ],
      'querystring',
      {},
    );
    expect(e).toEqual({
      code: 'E_INPUT',
      field: 'gpqa',
      message: 'missing query parameter gpqa (required)',
    });
  });

  it('openApiPath turns :params into {params}', () => {
    expect(openApiPath('/api/workspace/models/:id')).toBe('/api/workspace/models/{id}');
  });

  it('parseCorsOrigins: empty means CORS off; trailing slashes are dropped', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins(' https://a.example/ , https://b.example')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
