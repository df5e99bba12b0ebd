import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  HostClusterStatus,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { testGroup, testHost } from '../../__testUtils__/fixtures';
import {
  HostClusterPicker,
  KubernetesVersionPicker,
  validateVirtualClusterNameField,
} from '.';

const host = (name: string, ready: boolean): HostClusterStatus =>
  testHost({
    name,
    title: `Host ${name}`,
    ready,
    checks: ready
      ? [{ name: 'api', ok: true, message: 'reachable' }]
      : [{ name: 'crd', ok: false, message: 'VCluster CRD missing' }],
    capacity: {
      allocatable: { cpuCores: 32, memoryGiB: 128, pods: 250 },
      requested: { cpuCores: 2.5, memoryGiB: 8, pods: 10 },
      virtualClusters: 2,
      maxVirtualClusters: 10,
    },
  });

const api: Partial<VirtualClustersApi> = {
  listHostClusters: async () => [host('local', true), host('broken', false)],
  listClusterGroups: async () => [
    testGroup({
      defaults: { distro: 'k8s', kubernetesVersion: '1.34' },
      kubernetesVersions: { k3s: ['1.33'], k8s: ['1.35', '1.34'] },
    }),
  ],
};

const fieldProps = (overrides: object) =>
  ({
    formData: undefined,
    onChange: jest.fn(),
    required: true,
    rawErrors: [],
    schema: { title: 'Host cluster' },
    uiSchema: {},
    formContext: { formData: {} },
    ...overrides,
  } as any);

describe('template fields', () => {
  it('offers ready hosts with capacity, and shows why others cannot be chosen', async () => {
    const props = fieldProps({});
    await renderInTestApp(
      <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
        <HostClusterPicker {...props} />
      </TestApiProvider>,
    );
    // the only ready host is chosen by itself
    await screen.findByRole('button', { name: /Host cluster/ });
    expect(props.onChange).toHaveBeenCalledWith('local');
    fireEvent.mouseDown(screen.getByRole('button', { name: /Host cluster/ }));
    const list = within(await screen.findByRole('listbox'));
    expect(
      list.getByText(
        'LoadBalancer · 29.5 CPU and 120 GiB free · 2/10 virtual clusters',
      ),
    ).toBeInTheDocument();
    const broken = list.getByText('Host broken').closest('li')!;
    expect(broken).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(broken).getByText(/not ready: VCluster CRD missing/),
    ).toBeInTheDocument();
  });

  it('lists the versions the chosen host offers for the chosen distro', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
        <KubernetesVersionPicker
          {...fieldProps({
            schema: { title: 'Kubernetes version' },
            required: false,
            formContext: { formData: { hostCluster: 'local', distro: 'k8s' } },
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Versions Host local offers for k8s'),
    ).toBeInTheDocument();
    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Kubernetes version/ }),
    );
    const list = within(await screen.findByRole('listbox'));
    expect(list.getByText('1.34')).toBeInTheDocument();
    expect(list.queryByText('1.32')).not.toBeInTheDocument();
  });

  it("lists the versions the chosen cluster group offers for the chosen distro, and the group's default", async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
        <KubernetesVersionPicker
          {...fieldProps({
            schema: { title: 'Kubernetes version' },
            required: false,
            formContext: { formData: { clusterGroup: 'shared' } },
          })}
        />
      </TestApiProvider>,
    );
    // no distro chosen: the group's default distro
    expect(
      await screen.findByText('Versions Shared clusters offers for k8s'),
    ).toBeInTheDocument();
    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Kubernetes version/ }),
    );
    const list = within(await screen.findByRole('listbox'));
    expect(list.getByText('Default (1.34)')).toBeInTheDocument();
    expect(list.getByText('1.35')).toBeInTheDocument();
    expect(list.queryByText('1.33')).not.toBeInTheDocument();
  });

  it('asks for a cluster group first in a form that chooses one', async () => {
    const props = fieldProps({
      schema: { title: 'Kubernetes version' },
      required: false,
      formContext: { formData: {} },
      registry: {
        rootSchema: {
          properties: { clusterGroup: { type: 'string' }, distro: {} },
        },
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
        <KubernetesVersionPicker {...props} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Choose a cluster group first'),
    ).toBeInTheDocument();
  });

  it('asks for a host cluster first in a form that chooses a host', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
        <KubernetesVersionPicker
          {...fieldProps({
            schema: { title: 'Kubernetes version' },
            required: false,
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Choose a host cluster first'),
    ).toBeInTheDocument();
  });

  it('validates names as the backend does', () => {
    const errors: string[] = [];
    const validation = { addError: (e: string) => errors.push(e) } as any;
    validateVirtualClusterNameField('team-a', validation);
    validateVirtualClusterNameField('Team_A', validation);
    validateVirtualClusterNameField('a'.repeat(53), validation);
    expect(errors).toEqual([
      expect.stringContaining('lower case letters'),
      'Name must be at most 52 characters (got 53)',
    ]);
  });
});
