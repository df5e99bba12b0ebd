import { VirtualClustersProvider } from './VirtualClustersProvider';
import { mockServices } from '@backstage/backend-test-utils';

describe('VirtualClustersProvider', () => {
  it('should read entities from the target', async () => {
    const logger = mockServices.logger.mock();
    const provider = new VirtualClustersProvider({
      id: 'test',
      target: 'https://example.com',
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
    });

    const entities = await provider.read({ logger });

    expect(entities).toEqual([]);
  });
})
