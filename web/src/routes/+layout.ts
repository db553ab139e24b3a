// The app is live data over the API and WebSocket: render in the browser.
export const ssr = false;
