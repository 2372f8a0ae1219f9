#!/usr/bin/env python3
"""Cross-check of examples/eval_claims.rs through the command line, exactly as the
eval README scores a release: each topic's documents written to .txt files, one
`parallax analyze --format json --min-score 0` run per topic, gold sentences
aligned to the tool's, pair score = best link between corresponding sentences.

    python3 scripts/eval_claims_cli.py BINARY [train|dev] [THRESHOLD]

Article texts go to a temporary directory only and are never kept.
"""
import json, subprocess, tempfile, os, sys
from collections import defaultdict
B=sys.argv[1]
E=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','shared','eval','ecbplus')+'/'
docs=[json.loads(l) for l in open(E+'ecbplus_docs.jsonl')]
pairs=[json.loads(l) for l in open(E+'ecbplus_sentence_pairs.jsonl')]
split=sys.argv[2] if len(sys.argv)>2 else 'dev'
def norm(s):
    out=[];offs=[];last=True
    for i,c in enumerate(s):
        if c in '“”„″`‘’\'"': c="'"
        elif c in '–—‐‑': c='-'
        elif c.isspace(): c=' '
        if c==' ' and last: continue
        last=(c==' '); out.append(c); offs.append(i)
    return ''.join(out),offs
bytopic=defaultdict(list)
for d in docs:
    if d['split']==split: bytopic[d['topic']].append(d)
scores={}
for t,ds in bytopic.items():
    with tempfile.TemporaryDirectory() as tmp:
        paths=[]
        for d in ds:
            sents=[s['text'] for s in d['sentences'] if not (d['url'] and s['sent_idx']==0)]
            p=os.path.join(tmp,d['doc_id']+'.txt'); open(p,'w').write(' '.join(sents)+'\n'); paths.append(p)
        out=json.loads(subprocess.run([B,'analyze','--format','json','--min-score','0',*paths],capture_output=True,text=True,check=True).stdout)
    link={}
    for l in out['links']:
        link[(l['a']['doc'],l['a']['sentence'],l['b']['doc'],l['b']['sentence'])]=l['score']
    m={}
    for di,(d,td) in enumerate(zip(ds,out['documents'])):
        text=td['text']; bts=text.encode()
        # The JSON gives byte offsets; Python strings index by character.
        sents=[(len(bts[:s['start']].decode()),len(bts[:s['end']].decode())) for s in td['sentences']]
        nt,offs=norm(text); cur=0
        for s in d['sentences']:
            if d['url'] and s['sent_idx']==0: continue
            ns=norm(s['text'].strip())[0].strip()
            at=nt.find(ns,cur)
            if at<0: at=nt.find(ns)
            if at<0: continue
            cur=at+len(ns); st=offs[at]; en=offs[at+len(ns)] if at+len(ns)<len(offs) else len(text)
            m[(d['doc_id'],s['sent_idx'])]=(di,[i for i,(a,b) in enumerate(sents) if 2*max(0,min(b,en)-max(a,st))>=en-st or 2*max(0,min(b,en)-max(a,st))>=b-a])
    for p in pairs:
        if p['topic']!=t: continue
        A=m.get((p['a']['doc_id'],p['a']['sent_idx'])); Bm=m.get((p['b']['doc_id'],p['b']['sent_idx']))
        best=0.0
        if A and Bm:
            for x in A[1]:
                for y in Bm[1]:
                    k=(A[0],x,Bm[0],y) if (A[0],x)<(Bm[0],y) else (Bm[0],y,A[0],x)
                    best=max(best,link.get(k,0.0))
        scores[id(p)]=(best,p['label'])
v=list(scores.values())
def auc(v):
    v=sorted(v); r=0; i=0; n=len(v)
    while i<n:
        j=i
        while j<n and v[j][0]==v[i][0]: j+=1
        r+=(i+j+1)/2*sum(1 for x in v[i:j] if x[1]); i=j
    P=sum(1 for x in v if x[1]); N=n-P
    return (r-P*(P+1)/2)/(P*N)
def ap(v):
    v=sorted(v,key=lambda x:-x[0]); P=sum(1 for x in v if x[1]); tp=0; s=0; i=0
    while i<len(v):
        j=i
        while j<len(v) and v[j][0]==v[i][0]: j+=1
        g=sum(1 for x in v[i:j] if x[1]); tp+=g; s+=g/P*tp/j; i=j
    return s
t=float(sys.argv[3]) if len(sys.argv)>3 else 0.710  # claims::DEFAULT_THRESHOLD
pred=[x for x in v if x[0]>=t and x[0]>0]; tp=sum(1 for x in pred if x[1])
print(split, len(v), 'AUC %.3f AP %.3f P %.3f R %.3f'%(auc(v),ap(v),tp/len(pred),tp/sum(1 for x in v if x[1])))
