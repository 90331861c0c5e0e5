#!/usr/bin/env python3
"""Writes the ESL transcripts the tests replay.

Each event carries the header set FreeSWITCH 1.10 puts on channel events (core fields, channel data, caller
profile, a few variables), with values written unencoded: the test server URL-encodes them for
text/event-plain or puts them into JSON for text/event-json. Every address is 127.0.0.1. A line '%% pause'
splits a transcript into parts the tests replay one after the other.
Run: python3 generate.py   (in this folder)
"""
import datetime

CORE = "2d5f0c1e-5a0b-4b8e-9a36-7d0b8c1f0001"
T0 = 1763900000000000  # microseconds
seq = [4000]


def core(name, t, subclass=None):
    seq[0] += 1
    dt = datetime.datetime.fromtimestamp(t / 1e6, datetime.timezone.utc)
    h = [("Event-Name", "CUSTOM" if subclass else name)]
    if subclass:
        h.append(("Event-Subclass", subclass))
    h += [("Core-UUID", CORE), ("FreeSWITCH-Hostname", "pbx1"), ("FreeSWITCH-Switchname", "pbx1"),
          ("FreeSWITCH-IPv4", "127.0.0.1"), ("FreeSWITCH-IPv6", "::1"),
          ("Event-Date-Local", dt.strftime("%Y-%m-%d %H:%M:%S")),
          ("Event-Date-GMT", dt.strftime("%a, %d %b %Y %H:%M:%S GMT")),
          ("Event-Date-Timestamp", str(t)), ("Event-Calling-File", "switch_channel.c"),
          ("Event-Calling-Function", "switch_channel_perform_" + name.lower()),
          ("Event-Calling-Line-Number", "3912"), ("Event-Sequence", str(seq[0]))]
    return h


class Chan:
    def __init__(self, uuid, call_uuid, name, direction, cid_num, cid_name, dest, context, variables=None):
        self.uuid, self.call_uuid, self.name, self.direction = uuid, call_uuid, name, direction
        self.cid_num, self.cid_name, self.dest, self.context = cid_num, cid_name, dest, context
        self.state, self.call_state, self.answered, self.created = "CS_INIT", "DOWN", 0, 0
        self.variables = variables or {}
        self.other = None

    def data(self, t):
        h = [("Channel-State", self.state), ("Channel-Call-State", self.call_state),
             ("Channel-State-Number", "2"), ("Channel-Name", self.name), ("Unique-ID", self.uuid),
             ("Call-Direction", self.direction), ("Presence-Call-Direction", self.direction),
             ("Channel-HIT-Dialplan", "true" if self.direction == "inbound" else "false"),
             ("Channel-Call-UUID", self.call_uuid), ("Answer-State", "answered" if self.answered else "ringing"),
             ("Caller-Direction", self.direction), ("Caller-Logical-Direction", self.direction),
             ("Caller-Username", self.cid_num), ("Caller-Dialplan", "XML"),
             ("Caller-Caller-ID-Name", self.cid_name), ("Caller-Caller-ID-Number", self.cid_num),
             ("Caller-Orig-Caller-ID-Name", self.cid_name), ("Caller-Orig-Caller-ID-Number", self.cid_num),
             ("Caller-Network-Addr", "127.0.0.1"), ("Caller-ANI", self.cid_num),
             ("Caller-Destination-Number", self.dest), ("Caller-Unique-ID", self.uuid),
             ("Caller-Source", "mod_sofia"), ("Caller-Context", self.context),
             ("Caller-Channel-Name", self.name), ("Caller-Profile-Index", "1"),
             ("Caller-Profile-Created-Time", str(self.created)), ("Caller-Channel-Created-Time", str(self.created)),
             ("Caller-Channel-Answered-Time", str(self.answered)), ("Caller-Channel-Progress-Time", "0"),
             ("Caller-Channel-Hangup-Time", "0"), ("Caller-Channel-Transfer-Time", "0"),
             ("Caller-Screen-Bit", "true"), ("Caller-Privacy-Hide-Name", "false"),
             ("Caller-Privacy-Hide-Number", "false")]
        if self.other:
            h += [("Other-Type", "originatee" if self.direction == "inbound" else "originator"),
                  ("Other-Leg-Unique-ID", self.other.uuid),
                  ("Other-Leg-Channel-Name", self.other.name),
                  ("Other-Leg-Caller-ID-Number", self.other.cid_num),
                  ("Other-Leg-Destination-Number", self.other.dest)]
        h += [("variable_direction", self.direction), ("variable_uuid", self.uuid),
              ("variable_session_id", "17"), ("variable_sip_profile_name", self.name.split("/")[1]),
              ("variable_channel_name", self.name), ("variable_sip_local_network_addr", "127.0.0.1"),
              ("variable_sip_network_ip", "127.0.0.1"), ("variable_sip_network_port", "5060"),
              ("variable_sip_user_agent", "Yealink SIP-T46S 66.86.0.15"),
              ("variable_sip_call_id", self.uuid[:8] + "@127.0.0.1")]
        h += list(self.variables.items())
        return h


class Script:
    def __init__(self, start):
        self.t = start
        self.out = []

    def tick(self, ms=200):
        self.t += ms * 1000

    def ev(self, name, chan=None, extra=(), subclass=None, ms=200):
        self.tick(ms)
        h = core(name, self.t, subclass)
        if chan:
            h += chan.data(self.t)
        h += list(extra)
        self.out.append(h)

    def pause(self):
        self.out.append(None)

    # channel life cycle
    def create(self, c):
        c.created = self.t
        c.state, c.call_state = "CS_INIT", "DOWN"
        self.ev("CHANNEL_CREATE", c)

    def progress(self, c, media=False):
        c.call_state = "EARLY" if media else "RINGING"
        self.ev("CHANNEL_PROGRESS_MEDIA" if media else "CHANNEL_PROGRESS", c)

    def answer(self, c):
        c.answered = self.t + 200 * 1000
        c.state, c.call_state = "CS_EXECUTE", "ACTIVE"
        self.ev("CHANNEL_ANSWER", c)

    def bridge(self, a, b):
        a.other, b.other = b, a
        self.ev("CHANNEL_BRIDGE", a, [("Bridge-A-Unique-ID", a.uuid), ("Bridge-B-Unique-ID", b.uuid)])

    def unbridge(self, a, b):
        self.ev("CHANNEL_UNBRIDGE", a, [("Bridge-A-Unique-ID", a.uuid), ("Bridge-B-Unique-ID", b.uuid)])

    def hold(self, c):
        c.call_state = "HELD"
        self.ev("CHANNEL_HOLD", c)

    def unhold(self, c):
        c.call_state = "ACTIVE"
        self.ev("CHANNEL_UNHOLD", c)

    def hangup(self, c, cause="NORMAL_CLEARING"):
        c.state, c.call_state = "CS_REPORTING", "HANGUP"
        extra = [("Hangup-Cause", cause), ("variable_hangup_cause", cause),
                 ("variable_billsec", "42" if c.answered else "0"), ("variable_duration", "45")]
        self.ev("CHANNEL_HANGUP_COMPLETE", c, extra)
        c.state = "CS_DESTROY"
        self.ev("CHANNEL_DESTROY", c, [("Hangup-Cause", cause)], ms=5)

    def cc(self, action, extra, ms=50):
        self.ev("CUSTOM", None, [("CC-Action", action)] + list(extra), subclass="callcenter::info", ms=ms)

    def write(self, path):
        with open(path, "w") as f:
            f.write("# ESL transcript modelled on FreeSWITCH 1.10 events (generated by generate.py).\n")
            for h in self.out:
                if h is None:
                    f.write("%% pause\n\n")
                    continue
                for k, v in h:
                    f.write(f"{k}: {v}\n")
                f.write("\n")


def trunk(uuid, num="+4930123456", name="Anna Müller", dest="5000"):
    return Chan(uuid, uuid, f"sofia/external/{num}@127.0.0.1", "inbound", num, name, dest, "public")


def phone(uuid, call_uuid, ext, caller, variables=None):
    return Chan(uuid, call_uuid, f"sofia/internal/{ext}@127.0.0.1", "outbound", caller.cid_num, caller.cid_name,
                ext, "default", variables)


A = "a1a1a1a1-0000-4000-8000-000000000001"
B = "b2b2b2b2-0000-4000-8000-000000000002"
C = "c3c3c3c3-0000-4000-8000-000000000003"
B2 = "d4d4d4d4-0000-4000-8000-000000000004"

# 1. inbound call answered and bridged to an agent, DTMF, recording, caller hangs up
s = Script(T0)
a = trunk(A)
a.variables = {"variable_cw_tier": "gold"}
s.create(a); s.answer(a)
b = phone(B, A, "1001", a)
s.create(b); s.progress(b); s.answer(b); s.bridge(a, b)
s.ev("DTMF", a, [("DTMF-Digit", "5"), ("DTMF-Duration", "1600"), ("DTMF-Source", "RTP")])
s.ev("RECORD_START", a, [("Record-File-Path", "/var/lib/freeswitch/recordings/" + A + ".wav")])
s.pause()
s.ev("RECORD_STOP", a, [("Record-File-Path", "/var/lib/freeswitch/recordings/" + A + ".wav"),
                         ("Record-Completion-Cause", "success-maxtime")])
s.unbridge(a, b)
a.variables = {"variable_cw_tier": "gold", "variable_cw_ticket": "T-4711"}
s.hangup(a); s.hangup(b)
s.write("inbound-answered-bridged.esl")

# 2. hold / unhold by the agent's phone
s = Script(T0 + 10_000_000)
a = trunk(A); b = phone(B, A, "1001", a)
s.create(a); s.answer(a); s.create(b); s.progress(b); s.answer(b); s.bridge(a, b)
s.hold(b)
s.pause()
s.unhold(b)
s.pause()
s.unbridge(a, b); s.hangup(b); s.hangup(a)
s.write("hold-unhold.esl")

# 3. blind transfer: agent 1001 REFERs the caller to 1002
s = Script(T0 + 20_000_000)
a = trunk(A); b = phone(B, A, "1001", a)
s.create(a); s.answer(a); s.create(b); s.progress(b); s.answer(b); s.bridge(a, b)
s.ev("CUSTOM", b, [("variable_sip_refer_to", "<sip:1002@127.0.0.1>"), ("variable_transfer_destination", "1002")],
     subclass="sofia::transferor")
s.ev("CUSTOM", a, [("variable_transfer_destination", "1002")], subclass="sofia::transferee")
s.unbridge(a, b)
s.hangup(b, "BLIND_TRANSFER")
c = phone(C, A, "1002", a)
s.create(c); s.progress(c); s.answer(c); s.bridge(a, c)
s.pause()
s.unbridge(a, c); s.hangup(c); s.hangup(a)
s.write("blind-transfer.esl")

# 4. attended transfer: 1001 holds the caller, consults 1002, then completes (REFER with Replaces)
s = Script(T0 + 30_000_000)
a = trunk(A); b = phone(B, A, "1001", a)
s.create(a); s.answer(a); s.create(b); s.progress(b); s.answer(b); s.bridge(a, b)
s.hold(b)
b2 = Chan(B2, B2, "sofia/internal/1001@127.0.0.1", "inbound", "1001", "Agent 1001", "1002", "default")
s.create(b2)
c = phone(C, B2, "1002", b2)
s.create(c); s.progress(c); s.answer(c); s.answer(b2); s.bridge(b2, c)
s.pause()
s.ev("CUSTOM", b, [("att_xfer_replaced_call_id", B2), ("att_xfer_destination_peer_uuid", C),
                   ("att_xfer_destination_call_id", B2), ("att_xfer_original_call_id", B)],
     subclass="sofia::transferor")
s.ev("CUSTOM", a, [("att_xfer_replaced_call_id", B2)], subclass="sofia::transferee")
s.ev("CUSTOM", c, [("att_xfer_replaced_by", A)], subclass="sofia::replaced")
s.unbridge(a, b); s.unbridge(b2, c)
s.bridge(a, c)
s.hangup(b, "NORMAL_CLEARING"); s.hangup(b2, "ATTENDED_TRANSFER")
s.pause()
s.unbridge(a, c); s.hangup(c); s.hangup(a)
s.write("attended-transfer.esl")

# 5. mod_callcenter: queued, offered to agent 1001@default, answered, served
Q = "support@default"
AG = "1001@default"
s = Script(T0 + 40_000_000)
a = trunk(A, dest="7000")
s.create(a); s.answer(a)
member = [("CC-Queue", Q), ("CC-Member-UUID", "e5e5e5e5-0000-4000-8000-000000000005"),
          ("CC-Member-Session-UUID", A), ("CC-Member-CID-Name", "Anna Müller"), ("CC-Member-CID-Number", "+4930123456")]
s.cc("member-queue-start", member)
s.cc("members-count", [("CC-Queue", Q), ("CC-Count", "1"), ("CC-Selection", "Single-Queue")])
s.pause()
s.cc("agent-offering", [("CC-Agent", AG), ("CC-Agent-System", "single_box")] + member)
s.cc("agent-state-change", [("CC-Agent", AG), ("CC-Agent-State", "Receiving")])
g = phone(B, B, "1001", a, {"variable_cc_member_session_uuid": A, "variable_cc_agent": AG, "variable_cc_queue": Q})
s.create(g); s.progress(g); s.answer(g)
s.cc("bridge-agent-start", [("CC-Agent", AG), ("CC-Agent-UUID", B), ("CC-Agent-System", "single_box"),
                            ("CC-Agent-Called-Time", str(s.t // 1000000 - 3)),
                            ("CC-Agent-Answered-Time", str(s.t // 1000000))] + member)
s.cc("agent-state-change", [("CC-Agent", AG), ("CC-Agent-State", "In a queue call")])
s.bridge(a, g)
s.pause()
s.unbridge(a, g); s.hangup(g)
s.cc("bridge-agent-end", [("CC-Agent", AG), ("CC-Agent-UUID", B), ("CC-Hangup-Cause", "NORMAL_CLEARING"),
                          ("CC-Bridge-Terminated-Time", str(s.t // 1000000))] + member)
s.cc("member-queue-end", member + [("CC-Cause", "Terminated"), ("CC-Member-Joined-Time", str(T0 // 1000000 + 40)),
                                   ("CC-Member-Leaving-Time", str(T0 // 1000000 + 75))])
s.cc("agent-state-change", [("CC-Agent", AG), ("CC-Agent-State", "Waiting")])
s.hangup(a)
s.write("callcenter-queued.esl")

# 6. mod_callcenter: queued, agent rings, caller gives up
s = Script(T0 + 50_000_000)
a = trunk(C, num="+4940555000", name="Bernd Kunde", dest="7000")
s.create(a); s.answer(a)
member = [("CC-Queue", Q), ("CC-Member-UUID", "f6f6f6f6-0000-4000-8000-000000000006"),
          ("CC-Member-Session-UUID", C), ("CC-Member-CID-Name", "Bernd Kunde"), ("CC-Member-CID-Number", "+4940555000")]
s.cc("member-queue-start", member)
s.cc("agent-offering", [("CC-Agent", AG), ("CC-Agent-System", "single_box")] + member)
s.cc("agent-state-change", [("CC-Agent", AG), ("CC-Agent-State", "Receiving")])
g = phone(B2, B2, "1001", a, {"variable_cc_member_session_uuid": C, "variable_cc_agent": AG, "variable_cc_queue": Q})
s.create(g); s.progress(g)
s.tick(15000)
s.cc("member-queue-end", member + [("CC-Cause", "Cancel"), ("CC-Cancel-Reason", "BREAK_OUT"),
                                   ("CC-Member-Joined-Time", str((T0 + 50_400_000) // 1000000)),
                                   ("CC-Member-Leaving-Time", str((T0 + 65_400_000) // 1000000))])
s.hangup(g, "ORIGINATOR_CANCEL")
s.cc("agent-state-change", [("CC-Agent", AG), ("CC-Agent-State", "Waiting")])
s.hangup(a)
s.write("callcenter-abandoned.esl")

# 7-9. consultative transfer driven by the adapter: Consult holds the caller (uuid_hold) and originates from the
# agent's station 1001 to 1002 with callwire_parent_call set; the originated leg's UUID is chosen by the adapter,
# so the transcripts carry the placeholder X and the tests put the real UUID in.
X = "CONSULT-UUID"


def consultation(start):
    s = Script(start)
    a = trunk(A); b = phone(B, A, "1001", a)
    s.create(a); s.answer(a); s.create(b); s.progress(b); s.answer(b); s.bridge(a, b)
    s.pause()
    s.hold(b)  # uuid_hold on the agent's leg: the caller hears hold music
    x = Chan(X, X, "sofia/internal/1001@127.0.0.1", "outbound", "0000000000", "Outbound Call", "1001", "default",
             {"variable_callwire_parent_call": A})
    s.create(x); s.progress(x); s.answer(x)
    c = phone(C, X, "1002", x)
    s.create(c); s.progress(c); s.answer(c); s.bridge(x, c)
    s.pause()
    return s, a, b, x, c


# 7. ... CompleteTransfer: uuid_bridge caller and 1002, agent legs killed
s, a, b, x, c = consultation(T0 + 60_000_000)
s.unbridge(a, b); s.unbridge(x, c)
s.bridge(a, c)
s.hangup(b); s.hangup(x)
s.pause()
s.unbridge(a, c); s.hangup(c); s.hangup(a)
s.write("consult-transfer.esl")

# 8. ... CancelConsult: the consulting leg killed (its peer follows), the agent's first leg taken off hold
s, a, b, x, c = consultation(T0 + 70_000_000)
s.unbridge(x, c); s.hangup(x); s.hangup(c)
s.unhold(b)
s.write("consult-cancel.esl")

# 9. ... Conference: the caller and the consultation (both legs) moved into conference cw-A with
# uuid_transfer ... conference:cw-<call>@default inline, the agent's first leg killed; later the agent leaves.
s, a, b, x, c = consultation(T0 + 80_000_000)
ROOM = "cw-" + A


def member(action, chan, member_id, size):
    s.ev("CUSTOM", chan, [("Conference-Name", ROOM), ("Conference-Domain", "pbx1"), ("Conference-Size", str(size)),
                          ("Conference-Profile-Name", "default"), ("Conference-Unique-ID", "9f9f9f9f-0000-4000-8000-000000000009"),
                          ("Member-ID", str(member_id)), ("Member-Type", "member"), ("Action", action)],
         subclass="conference::maintenance")


s.unbridge(a, b)
member("add-member", a, 1, 1)
s.unbridge(x, c)
member("add-member", x, 2, 2)
member("add-member", c, 3, 3)
s.hangup(b)
s.ev("CUSTOM", c, [("Conference-Name", ROOM), ("Member-ID", "3"), ("Action", "start-talking")],
     subclass="conference::maintenance")
s.pause()
member("del-member", x, 2, 2)
s.hangup(x)
s.pause()
member("del-member", c, 3, 1)
s.hangup(c)
member("del-member", a, 1, 0)
s.hangup(a)
s.write("conference.esl")

# 10. redirect of a queued caller (uuid_transfer out of mod_callcenter to 1002): the member breaks out of the queue
s = Script(T0 + 90_000_000)
a = trunk(A, dest="7000")
s.create(a); s.answer(a)
member = [("CC-Queue", Q), ("CC-Member-UUID", "e5e5e5e5-0000-4000-8000-000000000005"),
          ("CC-Member-Session-UUID", A), ("CC-Member-CID-Name", "Anna Müller"), ("CC-Member-CID-Number", "+4930123456")]
s.cc("member-queue-start", member)
s.pause()
s.cc("member-queue-end", member + [("CC-Cause", "Cancel"), ("CC-Cancel-Reason", "BREAK_OUT"),
                                   ("CC-Member-Joined-Time", str((T0 + 90_400_000) // 1000000)),
                                   ("CC-Member-Leaving-Time", str((T0 + 95_400_000) // 1000000))])
c = phone(C, A, "1002", a)
s.create(c); s.progress(c); s.answer(c); s.bridge(a, c)
s.pause()
s.unbridge(a, c); s.hangup(c); s.hangup(a)
s.write("redirect-queued.esl")
