import { expect, Page, test } from '@playwright/test';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/*
 * A developer's whole path through the demo, in headless Chromium against the real
 * backend and the local control plane (scripts/e2e.sh starts both): sign in as guest,
 * create a virtual cluster from the template in a cluster group (the backend places
 * it on a member host) with an application profile, see it Running on its entity page
 * with its profiles' layers Deployed (installed inside by the stand-in's vcluster deploy
 * controller with a real helm), its workloads and cost, download a kubeconfig,
 * read a pod's logs and restart a Deployment from the workloads table, revoke the
 * kubeconfig (refused at once after), back it up, pause and resume, see it fall asleep
 * when idle and wake it, delete it.
 * Once for each access mode: a group of two LoadBalancer hosts, and a group of the
 * first host through the plane's NGINX Ingress (SSL passthrough, *.vc.plane.test
 * resolving inside the run only).
 */

const run = Date.now().toString(36).slice(-5);
const MODES = [
  {
    mode: 'LoadBalancer',
    name: `e2e-lb-${run}`,
    group: 'Development (LoadBalancer)',
    groupName: 'dev',
    // picked in the template; the group's defaults add the others
    profiles: ['Hello service'],
    defaultProfiles: ['Team base'],
    // the dev group has a sleep policy; the owner shortens it to see a sleep
    sleeps: true,
    // logs, restart and revoke from the tab (once: the path inside is the same)
    dailyLoop: true,
    // placement picks one of the group's two real hosts
    members: ['local', 'local-capi'],
    endpoint: () => /^https:\/\/127\.0\.0\.\d+:443$/,
    screenshots: {
      entity: 'entity-tab.png',
      list: 'virtual-clusters-page.png',
    },
  },
  {
    mode: 'Ingress',
    name: `e2e-ing-${run}`,
    group: 'Development through NGINX Ingress (*.vc.plane.test)',
    groupName: 'ingress',
    profiles: [] as string[],
    defaultProfiles: [] as string[],
    sleeps: false,
    dailyLoop: false,
    members: ['local-ingress'],
    endpoint: (name: string) =>
      new RegExp(`^https://${name}\\.vc\\.plane\\.test:443$`),
    screenshots: { entity: 'entity-tab-ingress.png', list: undefined },
  },
];
// playwright runs from the repository root
const SCREENSHOTS = resolve(process.cwd(), 'docs', 'screenshots');

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Create' }).first(),
  ).toBeVisible();
}

/** GET on the virtual clusters API with the guest session's Backstage token, as the app does. */
async function api<T>(page: Page, path: string): Promise<T> {
  const session = await page.request.get('/api/auth/guest/refresh', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(session.ok()).toBe(true);
  const token = (await session.json()).backstageIdentity.token as string;
  const response = await page.request.get(`/api/virtual-clusters${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

/** Clients inside the virtual cluster with a downloaded kubeconfig, as kubectl would use it. */
function inside(kubeconfigYaml: string) {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  return {
    apps: kc.makeApiClient(AppsV1Api),
    core: kc.makeApiClient(CoreV1Api),
  };
}

/** Deploys two nginx pods inside the virtual cluster, as its owner would with kubectl. */
async function deployInside(kubeconfigYaml: string) {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace: 'default',
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.27',
                resources: { requests: { cpu: '250m', memory: '256Mi' } },
              },
            ],
          },
        },
      },
    },
  });
}

for (const {
  mode,
  name,
  group,
  groupName,
  profiles,
  defaultProfiles,
  sleeps,
  dailyLoop,
  members,
  endpoint: endpointPattern,
  screenshots,
} of MODES) {
  test(`a developer creates, uses, pauses, resumes and deletes a virtual cluster (${mode})`, async ({
    page,
  }) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await signIn(page);

    // the template, through its form fields
    await page.goto('/create/templates/default/virtual-cluster');
    await page.getByLabel('Name').fill(name);
    const owner = page.getByLabel('Owner');
    await owner.fill('guests');
    await page
      .getByRole('option', { name: /guests/ })
      .first()
      .click();
    // two cluster groups in the demo: the developer picks one, not a host
    await page.getByRole('button', { name: /Cluster group/ }).click();
    // the option's name is the title, then the group's free capacity
    const escaped = group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page
      .getByRole('option', { name: new RegExp(`^${escaped}.*free on`) })
      .click();
    await expect(page.getByText(group, { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    // application profiles vcluster installs inside (the dev group adds Team base)
    if (profiles.length) {
      for (const profile of profiles) {
        await page.getByRole('checkbox', { name: profile }).check();
      }
      await expect(
        page
          .getByText('Helm chart hello-profile 1.1.0', { exact: false })
          .first(),
      ).toBeVisible();
    }
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // the task waits until the cluster runs, logging its phases
    await expect(page.getByText(/Created virtual cluster/)).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page.getByRole('link', { name: 'The cluster in the catalog' }),
    ).toBeVisible({ timeout: 180_000 });

    // its entity page, tab "Virtual clusters": Running
    const entityTab = `/catalog/default/resource/vc-${name}/virtual-clusters`;
    await expect(async () => {
      await page.goto(entityTab);
      await expect(
        page.getByText('Running', { exact: true }).first(),
      ).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 120_000 });

    // placed on a member of the group, which the page names
    const placed = (
      await api<{
        items: Array<{
          name: string;
          hostCluster: string;
          clusterGroup?: string;
        }>;
      }>(page, '/clusters?limit=500')
    ).items.find(c => c.name === name);
    expect(placed?.clusterGroup).toBe(groupName);
    expect(members).toContain(placed?.hostCluster);
    await expect(
      page.getByText(groupName, { exact: true }).first(),
    ).toBeVisible();

    // each attached profile's layers, installed by vcluster inside, read as Deployed
    for (const profile of [...profiles, ...defaultProfiles]) {
      await expect(async () => {
        await page.goto(entityTab);
        await expect(
          page
            .getByRole('region', { name: profile })
            .getByText('Deployed', { exact: true })
            .first(),
        ).toBeVisible({ timeout: 5_000 });
      }).toPass({ timeout: 120_000 });
    }

    // a kubeconfig through the UI
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download kubeconfig' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${name}.kubeconfig.yaml`);
    const kubeconfig = readFileSync((await download.path())!, 'utf8');
    expect(kubeconfig).toContain('kind: Config');
    const endpoint = /server: (https:\/\/[^\s]+)/.exec(kubeconfig)?.[1];
    expect(endpoint).toMatch(endpointPattern(name));
    await expect(page.getByText(endpoint!).first()).toBeVisible();

    // workloads deployed with it show up, and the cluster costs something
    await deployInside(kubeconfig);
    await expect(async () => {
      await page.goto(entityTab);
      await expect(page.getByText('web').first()).toBeVisible({
        timeout: 5_000,
      });
      await expect(page.getByText('nginx:1.27').first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 120_000 });
    await expect(page.getByRole('group', { name: 'Rate now' })).toHaveText(
      /\$0\.0*[1-9]/,
    );
    await page.screenshot({
      path: resolve(SCREENSHOTS, screenshots.entity),
      fullPage: true,
    });

    if (dailyLoop) {
      const { apps, core } = inside(kubeconfig);
      const podNames = async () =>
        (
          await core.listNamespacedPod({
            namespace: 'default',
            labelSelector: 'app=web',
          })
        ).items
          .filter(p => !p.metadata?.deletionTimestamp)
          .map(p => p.metadata!.name!)
          .sort();
      const before = await podNames();
      expect(before).toHaveLength(2);

      // a pod's logs, read through the virtual cluster's API with the owner's own role:
      // what the plane's container runtime wrote for nginx (test/cluster/README.md)
      await page
        .getByRole('row')
        .filter({ hasText: before[0] })
        .getByRole('button', { name: 'Logs' })
        .click();
      const logs = page.getByRole('dialog', { name: `Logs of ${before[0]}` });
      const log = logs.getByTestId('pod-logs');
      await expect(log).toContainText(
        'container nginx started (image nginx:1.27)',
        { timeout: 30_000 },
      );
      // following: the container's new lines arrive while the dialog is open
      const shown = (await log.textContent()) ?? '';
      await logs.getByRole('checkbox', { name: 'Follow' }).check();
      await expect(logs.getByText(/following/)).toBeVisible();
      await expect
        .poll(async () => ((await log.textContent()) ?? '').length, {
          timeout: 30_000,
        })
        .toBeGreaterThan(shown.length);
      await logs.screenshot({ path: resolve(SCREENSHOTS, 'pod-logs.png') });
      await logs.getByRole('button', { name: 'Close' }).click();
      await expect(logs).toBeHidden();

      // restart the Deployment as kubectl rollout restart does: new pods replace both
      await page
        .getByRole('row')
        .filter({ hasText: 'Deployment' })
        .filter({ hasText: 'nginx:1.27' })
        .getByRole('button', { name: 'Restart' })
        .click();
      await page
        .getByRole('dialog', { name: 'Restart Deployment web?' })
        .getByRole('button', { name: 'Restart' })
        .click();
      await expect(
        page.getByText('Restarted Deployment web: its pods are being replaced'),
      ).toBeVisible({ timeout: 30_000 });
      const web = await apps.readNamespacedDeployment({
        name: 'web',
        namespace: 'default',
      });
      expect(
        web.spec?.template.metadata?.annotations?.[
          'kubectl.kubernetes.io/restartedAt'
        ],
      ).toMatch(/^\d{4}-\d\d-\d\dT/);
      await expect
        .poll(
          async () => {
            const now = await podNames();
            return now.length === 2 && now.every(n => !before.includes(n));
          },
          { timeout: 120_000 },
        )
        .toBe(true);

      // revoke: the kubeconfig downloaded above stops working at once
      const access = page.getByRole('region', { name: 'Access' });
      await access.getByRole('button', { name: 'Revoke' }).first().click();
      await page
        .getByRole('dialog', { name: /^Revoke the access of / })
        .getByRole('button', { name: 'Revoke' })
        .click();
      await expect(page.getByText(/^Revoked every kubeconfig of /)).toBeVisible(
        { timeout: 30_000 },
      );
      const refused = await core
        .listNamespacedPod({ namespace: 'default' })
        .then(
          () => 200,
          (error: { code?: number }) => error.code,
        );
      // refused at once: 403 while kube-apiserver still has the token's check cached
      // (10 s), 401 after (the ServiceAccount it belonged to is gone)
      expect([401, 403]).toContain(refused);
    }

    // a backup of the objects inside
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('completed').first()).toBeVisible();

    // pause and resume
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText('Paused', { exact: true }).first()).toBeVisible(
      {
        timeout: 120_000,
      },
    );
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible({
      timeout: 120_000,
    });

    // the dev group's clusters live 14 days; the owner extends it by a week
    if (sleeps) {
      await expect(page.getByText(/^in 1[34] days \(/).first()).toBeVisible();
      await page.getByRole('button', { name: 'Extend' }).click();
      await page.getByRole('button', { name: 'Extend' }).last().click();
      await expect(
        page.getByText(/^Expiry of .* moved to /).first(),
      ).toBeVisible();
      await expect(page.getByText(/^in 2[01] days \(/).first()).toBeVisible();
    }

    // sleep: with a short idle time the cluster falls asleep (views count at most once
    // a minute), shows Sleeping apart from a manual pause, and Wake brings it back
    if (sleeps) {
      await page.getByRole('button', { name: 'Sleep policy' }).click();
      await page.getByLabel('Sleep after inactivity').fill('20s');
      await page.getByRole('button', { name: 'Save' }).click();
      // the page follows a Running cluster (its reloads are not views): no reload
      await expect(
        page.getByText('Sleeping', { exact: true }).first(),
      ).toBeVisible({ timeout: 180_000 });
      await page.screenshot({
        path: resolve(SCREENSHOTS, 'entity-tab-sleeping.png'),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Wake' }).click();
      await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible({
        timeout: 120_000,
      });
    }

    // the page of all clusters
    await page.goto('/virtual-clusters');
    await expect(page.getByText(name).first()).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Host clusters' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Cluster groups' }),
    ).toBeVisible();
    if (screenshots.list) {
      await page.screenshot({
        path: resolve(SCREENSHOTS, screenshots.list),
        fullPage: true,
      });
    }

    // delete, confirmed by typing the name
    const { items } = await api<{ items: Array<{ id: string; name: string }> }>(
      page,
      '/clusters?limit=500',
    );
    const clusterId = items.find(c => c.name === name)?.id;
    expect(clusterId).toBeDefined();
    await page.goto(entityTab);
    // (exact: the workloads table has Delete pod buttons)
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByLabel('Cluster name').fill(name);
    await page.getByRole('button', { name: 'Delete' }).last().click();
    // the backend is the truth for the phase; once Deleted, the catalog provider
    // drops the entity on its next run (app-config: every 5 s), so the entity page
    // may never show "Deleted": it says the entity is gone
    await expect
      .poll(
        async () =>
          (
            await api<{ phase: string }>(page, `/clusters/${clusterId}`)
          ).phase,
        { timeout: 120_000 },
      )
      .toBe('Deleted');
    await expect(async () => {
      await page.goto(entityTab);
      await expect(
        page.getByText(/There is no resource with the requested/).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
  });
}
