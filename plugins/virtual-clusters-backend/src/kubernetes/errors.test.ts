import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubernetesRequestError, toApiError } from './errors';

const options = {
  notFound: 'Pod shop/web not found in team-a',
  failed: 'Could not read the log of shop/web in team-a',
};
const answer = (code: number, message: string) =>
  new KubernetesRequestError(code, { kind: 'Status', message }, '/api/v1/x');

describe('toApiError', () => {
  it("answers a user's mistake with a 4xx carrying Kubernetes' message", () => {
    const invalid = toApiError(
      answer(400, 'container nope is not valid for pod web'),
      options,
    );
    expect(invalid).toEqual(
      new InputError('container nope is not valid for pod web'),
    );
    expect(toApiError(answer(422, 'bad patch'), options)).toBeInstanceOf(
      InputError,
    );
    expect(toApiError(answer(403, 'pods "web" is forbidden'), options)).toEqual(
      new NotAllowedError('pods "web" is forbidden'),
    );
    expect(toApiError(answer(409, 'conflict'), options)).toBeInstanceOf(
      ConflictError,
    );
    expect(toApiError(answer(404, 'pods "web" not found'), options)).toEqual(
      new NotFoundError('Pod shop/web not found in team-a'),
    );
  });

  it("answers what is not the user's doing with a 503 saying what failed", () => {
    const error = toApiError(new Error('connect ECONNREFUSED'), options);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'Could not read the log of shop/web in team-a: connect ECONNREFUSED',
    );
    expect(toApiError(answer(500, 'etcd down'), options).message).toBe(
      'Could not read the log of shop/web in team-a: 500: etcd down',
    );
  });

  it('passes errors of @backstage/errors unchanged', () => {
    const conflict = new ConflictError('paused');
    expect(toApiError(conflict, options)).toBe(conflict);
  });
});
