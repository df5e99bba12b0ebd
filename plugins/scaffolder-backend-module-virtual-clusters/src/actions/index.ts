export { createVirtualClusterAction } from './create';
export { waitVirtualClusterAction } from './wait';
export { deleteVirtualClusterAction } from './delete';
