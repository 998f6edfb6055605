/* global window */
// latency, Courier's network-only time: a bare WebSocket on the hub in a page of its own, with
// no library in it. In Courier's page it would wait behind Courier's rendering, which takes
// longer than the 25 ms between the two streams' frames.
import { openBare } from './common.js';

const net = new Map();
let closeBare;

window.startBare = async (netUrl) => {
  closeBare = await openBare('websocket', netUrl, net);
};
window.latencyCounts = () => ({ net: net.size });
window.latencyResults = () => {
  closeBare?.();
  return { net: [...net.values()] };
};
window.benchReady = true;
