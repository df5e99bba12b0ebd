import { podContainers } from './podYaml';

describe('podContainers', () => {
  it('reads the containers and init containers as the yaml package writes them', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels:
    name: not-a-container
spec:
  containers:
    - image: nginx:1.27
      name: web
      env:
        - name: NOT_A_CONTAINER
          value: "1"
      ports:
        - containerPort: 80
          name: http
    - name: "sidecar"
      image: envoy
  initContainers:
    - name: migrate
      image: tools
  restartPolicy: Always
status:
  containerStatuses:
    - name: ghost
`;
    expect(podContainers(yaml)).toEqual([
      { name: 'web', init: false },
      { name: 'sidecar', init: false },
      { name: 'migrate', init: true },
    ]);
  });

  it('reads a sequence written at the indent of its key, as kubectl writes it', () => {
    const yaml = `kind: Pod
spec:
  containers:
  - image: nginx
    name: web
    volumeMounts:
    - mountPath: /data
      name: data
  volumes:
  - name: data
`;
    expect(podContainers(yaml)).toEqual([{ name: 'web', init: false }]);
  });

  it('finds nothing in YAML without a pod spec', () => {
    expect(podContainers('kind: Service\nmetadata:\n  name: web\n')).toEqual(
      [],
    );
    expect(podContainers('')).toEqual([]);
  });
});
