/* Every shape the wasm32 C ABI lowers differently, for `wasmbind check`
 * against what clang really compiled (check.test.mjs builds abi.c with emcc
 * and the exports `wasmbind exports abi.h` lists). */
#ifndef ABI_H
#define ABI_H
#include <stdint.h>

struct E {};
struct S1 { int x; };
struct SC { char c; };
struct SA { char c[1]; };
struct SN { struct { struct S1 a[1]; } in; };
struct SE { struct E e; float f; };
union U1 { int x; };
union U2 { int x; float y; };
union U3 { int x; struct E e; };
struct SF { long double x; };
struct SI { __int128 x; };
struct SL { long long x; };
struct Al { char c; } __attribute__((aligned(4)));
struct P2 { int a, b; };
struct BF { int x : 8; };
struct Z0 { int x; int z[0]; };
struct PK { char c; long long x; } __attribute__((packed));
struct EA { struct E e[3]; double d; };
struct FAM { int n; int d[]; };
struct Out { struct FAM i; };
enum Big { BIG = 1ULL << 40 };
enum Small { SMALL_A, SMALL_B };
struct EB { enum Big b; };
struct B1 { _Bool b; };
struct LL8 { long long x : 8; };
struct Anon { union { int a; }; };
struct Pad { char c; int : 24; };
typedef struct { double re, im; } Complexish;
/* Shapes whose direct and indirect forms differ in wasm (f32/f64 versus an
 * i32 pointer): the ones above mostly lower to i32 either way. */
struct AlF { float f; } __attribute__((aligned(8)));
struct PadF { float f; int : 24; };
union U2F { float x; double y; };
union U1F { float x; struct E e; };
struct FAMF { float n; float d[]; };
struct OutF { struct FAMF i; };
struct ZF { float x; int z[0]; };
struct AnonF { union { float a; }; };
struct SNF { struct { struct { double d; } a[1]; } in; };
struct PKF { char c; double x; } __attribute__((packed));
struct TwoF { float a[2]; };

void fE(struct E a, int b);
int fS1(struct S1 a);
int fSC(struct SC a);
int fSA(struct SA a);
int fSN(struct SN a);
int fSE(struct SE a);
int fU1(union U1 a);
int fU2(union U2 a);
int fU3(union U3 a);
int fSF(struct SF a);
int fSI(struct SI a);
int fSL(struct SL a);
int fAl(struct Al a);
int fP2(struct P2 a);
int fBF(struct BF a);
int fZ0(struct Z0 a);
int fPK(struct PK a);
int fEA(struct EA a);
int fOut(struct Out a);
enum Big fEB(struct EB a, enum Big b);
enum Small fSmall(enum Small s);
struct B1 rB1(struct B1 b);
struct LL8 rLL8(struct LL8 b);
int fAnon(struct Anon a);
int fPad(struct Pad p);
struct E rE(void);
struct S1 rS1(void);
struct SF rSF(void);
struct SI rSI(void);
struct P2 rP2(int x);
union U1 rU1(void);
union U2 rU2(void);
Complexish rC(Complexish a, Complexish b);
long double ld(long double a, int b);
__int128 i128(__int128 a, int b);
unsigned __int128 u128(unsigned __int128 a);
long long ll(long long a, char c, short s, _Bool b, unsigned char uc);
unsigned long long ull(unsigned long ul, long l, uint64_t u64, int64_t i64);
float ff(float f, double d);
void *ptrs(const char *s, int *p, void (*cb)(int), struct FAM *fam);
int va(int n, ...);
double va_d(const char *fmt, ...);
float fAlF(struct AlF a);
float fPadF(struct PadF a);
float fU2F(union U2F a);
float fU1F(union U1F a);
float fFAMF(struct FAMF a);
float fOutF(struct OutF a);
float fZF(struct ZF a);
float fAnonF(struct AnonF a);
double fSNF(struct SNF a);
double fPKF(struct PKF a);
float fTwoF(struct TwoF a);
struct AlF rAlF(float f);
struct ZF rZF(float f);
struct SNF rSNF(double d);
union U2F rU2F(float f);

#endif
