import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  VirtualCluster,
  VirtualClusterAccessGrant,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { testCluster } from '../../__testUtils__/fixtures';
import {
  renderWithApis,
  testAlertApi,
  testApi,
} from '../../__testUtils__/render';
import { AccessCard } from './AccessCard';
import { ClusterDetails } from './ClusterDetails';

const alice: VirtualClusterAccessGrant = {
  principal: 'user:default/alice',
  level: 'manage',
  serviceAccount: 'backstage-access/user-default-alice',
  createdAt: '2026-11-24T09:00:00Z',
};
const bob: VirtualClusterAccessGrant = {
  principal: 'user:default/bob',
  level: 'read',
  serviceAccount: 'backstage-access/user-default-bob',
};

async function render(
  cluster: VirtualCluster = testCluster(),
  permission = mockApis.permission(),
) {
  let grants = [alice, bob];
  const listAccessGrants = jest.fn(async () => grants);
  const revokeAccess = jest.fn(async (_id: string, principal: string) => {
    grants = grants.filter(g => g.principal !== principal);
    return { principal, revoked: [`backstage-access/${principal}`] };
  });
  const onChanged = jest.fn();
  const alertApi = testAlertApi();
  await renderWithApis(<AccessCard cluster={cluster} onChanged={onChanged} />, {
    api: testApi({ listAccessGrants, revokeAccess }),
    permission,
    alertApi,
  });
  return {
    listAccessGrants,
    revokeAccess,
    onChanged,
    alerts: alertApi.messages,
  };
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('AccessCard', () => {
  it('lists who holds kubeconfigs of the cluster', async () => {
    const { listAccessGrants } = await render();
    expect(await screen.findByText('Access')).toBeInTheDocument();
    expect(
      await screen.findByText('backstage-access/user-default-alice'),
    ).toBeInTheDocument();
    const row = rowOf('backstage-access/user-default-alice');
    expect(within(row).getByText('manage')).toBeInTheDocument();
    // a user is linked to the catalog
    expect(
      within(row).getByRole('link', { name: /alice/ }),
    ).toBeInTheDocument();
    expect(
      within(rowOf('backstage-access/user-default-bob')).getByText('read'),
    ).toBeInTheDocument();
    expect(listAccessGrants).toHaveBeenCalledWith('c1');
  });

  it('revokes a principal after a confirmation that says what it does, then reloads', async () => {
    const { revokeAccess, listAccessGrants, onChanged, alerts } =
      await render();
    await screen.findByText('backstage-access/user-default-alice');
    fireEvent.click(
      within(rowOf('backstage-access/user-default-alice')).getByRole('button', {
        name: 'Revoke',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Revoke the access of user:default/alice?'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'Every kubeconfig user:default/alice was given for shop-dev stops working at once',
    );
    expect(dialog).toHaveTextContent(
      'They may download a new kubeconfig if the permission policy still allows them.',
    );
    expect(revokeAccess).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(revokeAccess).toHaveBeenCalledWith('c1', 'user:default/alice');
    expect(alerts).toEqual([
      'Revoked every kubeconfig of user:default/alice (ServiceAccount backstage-access/user:default/alice deleted)',
    ]);
    await waitFor(() =>
      expect(
        screen.queryByText('backstage-access/user-default-alice'),
      ).toBeNull(),
    );
    expect(listAccessGrants).toHaveBeenCalledTimes(2);
    expect(
      screen.getByText('backstage-access/user-default-bob'),
    ).toBeInTheDocument();
  });

  it('is not shown to users who may not update the cluster', async () => {
    const { listAccessGrants } = await render(
      testCluster(),
      mockApis.permission({
        authorize: request =>
          request.permission.name === virtualClusterUpdatePermission.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    );
    // give the permission answer time to come
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByText('Access')).toBeNull();
    expect(listAccessGrants).not.toHaveBeenCalled();
  });

  it('asks nothing while the cluster does not run', async () => {
    const { listAccessGrants } = await render(testCluster({ phase: 'Paused' }));
    expect(
      await screen.findByText(
        /Access is read from inside the cluster while it runs/,
      ),
    ).toBeInTheDocument();
    expect(listAccessGrants).not.toHaveBeenCalled();
  });

  it("is part of an owner's cluster details", async () => {
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi({ listAccessGrants: async () => [alice] }),
    });
    expect(
      await screen.findByText('backstage-access/user-default-alice'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
  });
});
