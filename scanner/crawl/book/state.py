"""What one state's recording shares: the state, first party, the consent moment, initiators."""

from __future__ import annotations

import time
from typing import Any

from scanner.crawl.book.outgoing import Outgoing, channel_outgoing, outgoing
from scanner.crawl.book.secrets import SecretValues
from scanner.crawl.book.sockets import Channel
from scanner.crawl.book.visit import Visit
from scanner.crawl.book.visits import Visits
from scanner.crawl.devtools.targets import Target, initiator_url
from scanner.crawl.navigation.first_party import FirstParty
from scanner.knowledge.domains import host_of
from scanner.model import ConsentState, Party, Phase


class StateBook:
    """The book of one state: its open visits and what every collector may look up."""

    def __init__(
        self,
        state: ConsentState,
        first_party: FirstParty,
        digest_key: bytes = b"",
        interaction: str = "full",
    ) -> None:
        self.state = state
        self.first_party = first_party
        self.secrets = SecretValues(digest_key)  # cookie values, digested in every record
        self.interaction = interaction  # what a visit does as a visitor (collectors.visitor)
        self.consent_at: float | None = None
        self.visits = Visits()
        self.initiators: dict[str, str] = {}  # URL -> the script that first asked for it
        self.worker_urls: dict[str, str] = {}  # URL -> the worker that asked for it

    def phase(self, at: float) -> Phase:
        """Before or after this state's consent action."""
        if self.consent_at is not None and at >= self.consent_at:
            return Phase.AFTER_CONSENT
        return Phase.BEFORE_CONSENT

    def party(self, host: str) -> Party:
        """First or third party, as this state's first-party domains say."""
        return self.first_party.party(host)

    def initiator(self, url: str) -> str | None:
        """The script or document that initiated the first request for ``url``, if known."""
        return self.initiators.get(url)

    def on_devtools(self, method: str, event: dict[str, Any], target: Target | None) -> None:
        """Learn initiators and worker requests from a DevTools Network event."""
        if method == "Network.requestWillBeSent":
            url = event.get("request", {}).get("url", "")
            initiator = initiator_url(event.get("initiator", {}))
            if url and initiator and url not in self.initiators:
                self.initiators[url] = initiator
        elif method == "Network.responseReceived":  # sent before the worker was watched
            url = event.get("response", {}).get("url", "")
        else:
            return
        if target is not None and target.worker is not None and url != target.url:
            self.worker_urls.setdefault(url, target.worker)

    def sent(self, visit: Visit) -> list[Outgoing]:
        """The visit's requests as sent (URL, body, initiator, third party), made once."""
        if visit.sent is None:
            visit.sent = [self.sent_request(visit, key) for key in visit.requests]
            visit.sent += [self._of_channel(c) for c in visit.channels if c.kept]
        return visit.sent

    def sent_request(self, visit: Visit, key: int) -> Outgoing:
        """One request of ``visit`` (by its key in ``visit.requests``) as sent, its body
        decoded once however many collectors read it."""
        found = visit.sent_of.get(key)
        if found is None:
            entry = visit.requests[key]
            found = visit.sent_of[key] = self._outgoing(entry.request.url, entry.request, entry.at)
        return found

    def _of_channel(self, channel: Channel) -> Outgoing:
        """What a WebSocket sent, as one outgoing body: each kept frame, text or unwrapped."""
        host = host_of(channel.url)
        third = self.party(host) is Party.THIRD
        at = channel.first_sent_at or channel.at
        return channel_outgoing(channel.url, host, channel.kept, third, at, channel.initiator)

    def _outgoing(self, url: str, request: Any, at: float) -> Outgoing:
        host = host_of(url)
        third = self.party(host) is Party.THIRD
        data = request.post_data_buffer
        headers = request.headers
        return outgoing(url, host, request.method, data, headers, third, at, self.initiator(url))

    def now_phase(self) -> Phase:
        """The phase of this moment."""
        return self.phase(time.time())
