import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  ClusterGroupStatus,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { testGroup, testMember } from '../../__testUtils__/fixtures';
import { ClusterGroupPicker } from '.';

/** Two ready members with 3.2 cores and 6 GiB free between them. */
const shared = testGroup({
  hostClusters: [
    testMember({ free: { cpuCores: 1.2, memoryGiB: 2 } }),
    testMember({
      name: 'west',
      title: 'West',
      free: { cpuCores: 2, memoryGiB: 4 },
      virtualClusters: 1,
      maxVirtualClusters: undefined,
    }),
  ],
});

/** No member ready. */
const gpu = testGroup({
  name: 'gpu',
  title: 'GPU clusters',
  description: undefined,
  hostClusters: [
    testMember({
      name: 'gpu-1',
      title: 'GPU 1',
      ready: false,
      checks: [
        { name: 'api', ok: false, message: 'API server unreachable' },
        { name: 'crd', ok: false, message: 'VCluster CRD missing' },
      ],
      free: undefined,
      capacity: undefined,
    }),
  ],
});

/** Its ready member has no CPU left; its other member is not ready. */
const packed = testGroup({
  name: 'packed',
  title: 'Packed clusters',
  hostClusters: [
    testMember({ name: 'big', free: { cpuCores: 0, memoryGiB: 10 } }),
    testMember({
      name: 'old',
      ready: false,
      checks: [{ name: 'api', ok: false, message: 'timeout' }],
    }),
  ],
});

/** One of its two members is ready, with room. */
const edge = testGroup({
  name: 'edge',
  title: 'Edge clusters',
  hostClusters: [
    testMember({ name: 'edge-1', free: { cpuCores: 0.5, memoryGiB: 1 } }),
    testMember({
      name: 'edge-2',
      ready: false,
      checks: [{ name: 'api', ok: false, message: 'timeout' }],
    }),
  ],
});

const fieldProps = (overrides: object) =>
  ({
    formData: undefined,
    onChange: jest.fn(),
    required: true,
    rawErrors: [],
    schema: { title: 'Cluster group' },
    uiSchema: {},
    formContext: { formData: {} },
    ...overrides,
  } as any);

async function render(
  groups: ClusterGroupStatus[] | Error,
  props = fieldProps({}),
) {
  const api: Partial<VirtualClustersApi> = {
    listClusterGroups: async () => {
      if (groups instanceof Error) throw groups;
      return groups;
    },
  };
  await renderInTestApp(
    <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
      <ClusterGroupPicker {...props} />
    </TestApiProvider>,
  );
  return props;
}

/** Opens the select and returns its options. */
async function openOptions() {
  fireEvent.mouseDown(
    await screen.findByRole('button', { name: /Cluster group/ }),
  );
  return within(await screen.findByRole('listbox'));
}

describe('ClusterGroupPicker', () => {
  it('offers groups with the free capacity of their ready members, and says why others cannot be chosen', async () => {
    const props = await render([shared, gpu, packed, edge]);
    const list = await openOptions();

    const sharedOption = list.getByText('Shared clusters').closest('li')!;
    expect(sharedOption).not.toHaveAttribute('aria-disabled', 'true');
    expect(
      within(sharedOption).getByText('3.2 CPU · 6 GiB free on 2 of 2 hosts'),
    ).toBeInTheDocument();
    expect(
      within(list.getByText('Edge clusters').closest('li')!).getByText(
        '0.5 CPU · 1 GiB free on 1 of 2 hosts',
      ),
    ).toBeInTheDocument();

    const gpuOption = list.getByText('GPU clusters').closest('li')!;
    expect(gpuOption).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(gpuOption).getByText(
        'no ready host: gpu-1: API server unreachable; VCluster CRD missing',
      ),
    ).toBeInTheDocument();

    const packedOption = list.getByText('Packed clusters').closest('li')!;
    expect(packedOption).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(packedOption).getByText(
        'no free capacity: big: 0.0 CPU · 10 GiB free',
      ),
    ).toBeInTheDocument();

    // two groups can take a cluster, so none is chosen by itself
    expect(props.onChange).not.toHaveBeenCalled();
  });

  it('stores the name of the chosen group', async () => {
    const props = await render([shared, gpu, edge]);
    const list = await openOptions();
    fireEvent.click(list.getByText('Shared clusters'));
    expect(props.onChange).toHaveBeenCalledWith('shared');
    expect(props.onChange).toHaveBeenCalledTimes(1);
  });

  it('describes the chosen group: its description, limits and members with their free capacity', async () => {
    await render([shared, gpu], fieldProps({ formData: 'shared' }));
    expect(
      await screen.findByText('General purpose clusters for development'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 of 20 virtual clusters · at most 3 per owner'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('East: 1.2 CPU · 2 GiB free · 2 of 10 virtual clusters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('West: 2.0 CPU · 4 GiB free · 1 virtual cluster'),
    ).toBeInTheDocument();
  });

  it('chooses the only group that can take a cluster by itself', async () => {
    const props = await render([gpu, shared, packed]);
    await screen.findByRole('button', { name: /Cluster group/ });
    expect(props.onChange).toHaveBeenCalledWith('shared');
  });

  it('says why the groups could not be loaded', async () => {
    await render(new Error('Not allowed: virtual-cluster.create'));
    expect(
      await screen.findByText(
        'Could not load cluster groups: Not allowed: virtual-cluster.create',
      ),
    ).toBeInTheDocument();
  });
});
