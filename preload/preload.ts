/**
 * Sandboxed preload: it may require only `electron`, so scripts/build-app.mjs bundles it (and the
 * contract code it uses) into dist/preload/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge';

contextBridge.exposeInMainWorld('firebreak', createBridge(ipcRenderer));
