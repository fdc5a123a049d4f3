/*
 * fltcheck WDK model: the core of the CNG primitive API of bcrypt.h, which
 * encryption and hashing filters call in kernel mode: algorithm providers,
 * properties, symmetric keys, encryption, hashing and random numbers.
 * Declarations only; each function returns an NTSTATUS like the real ones.
 */
#ifndef FLTCHECK_WDK_BCRYPT_H
#define FLTCHECK_WDK_BCRYPT_H

#include <ntdef.h>
#include <ntstatus.h>

EXTERN_C_START

#ifndef WINAPI
#	define WINAPI __stdcall
#endif

typedef PVOID BCRYPT_HANDLE;
typedef PVOID BCRYPT_ALG_HANDLE;
typedef PVOID BCRYPT_KEY_HANDLE;
typedef PVOID BCRYPT_HASH_HANDLE;
typedef PVOID BCRYPT_SECRET_HANDLE;

/* algorithm identifiers */
#define BCRYPT_RSA_ALGORITHM    L"RSA"
#define BCRYPT_DH_ALGORITHM     L"DH"
#define BCRYPT_DSA_ALGORITHM    L"DSA"
#define BCRYPT_RC2_ALGORITHM    L"RC2"
#define BCRYPT_RC4_ALGORITHM    L"RC4"
#define BCRYPT_AES_ALGORITHM    L"AES"
#define BCRYPT_DES_ALGORITHM    L"DES"
#define BCRYPT_3DES_ALGORITHM   L"3DES"
#define BCRYPT_MD2_ALGORITHM    L"MD2"
#define BCRYPT_MD4_ALGORITHM    L"MD4"
#define BCRYPT_MD5_ALGORITHM    L"MD5"
#define BCRYPT_SHA1_ALGORITHM   L"SHA1"
#define BCRYPT_SHA256_ALGORITHM L"SHA256"
#define BCRYPT_SHA384_ALGORITHM L"SHA384"
#define BCRYPT_SHA512_ALGORITHM L"SHA512"
#define BCRYPT_RNG_ALGORITHM    L"RNG"
#define MS_PRIMITIVE_PROVIDER   L"Microsoft Primitive Provider"

/* property names */
#define BCRYPT_OBJECT_LENGTH     L"ObjectLength"
#define BCRYPT_ALGORITHM_NAME    L"AlgorithmName"
#define BCRYPT_BLOCK_LENGTH      L"BlockLength"
#define BCRYPT_CHAINING_MODE     L"ChainingMode"
#define BCRYPT_HASH_LENGTH       L"HashDigestLength"
#define BCRYPT_KEY_LENGTH        L"KeyLength"
#define BCRYPT_KEY_OBJECT_LENGTH L"KeyObjectLength"
#define BCRYPT_CHAIN_MODE_NA     L"ChainingModeN/A"
#define BCRYPT_CHAIN_MODE_CBC    L"ChainingModeCBC"
#define BCRYPT_CHAIN_MODE_ECB    L"ChainingModeECB"
#define BCRYPT_CHAIN_MODE_CFB    L"ChainingModeCFB"
#define BCRYPT_CHAIN_MODE_CCM    L"ChainingModeCCM"
#define BCRYPT_CHAIN_MODE_GCM    L"ChainingModeGCM"

/* flags */
#define BCRYPT_PROV_DISPATCH             0x00000001
#define BCRYPT_ALG_HANDLE_HMAC_FLAG      0x00000008
#define BCRYPT_HASH_REUSABLE_FLAG        0x00000020
#define BCRYPT_BLOCK_PADDING             0x00000001
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG  0x00000002

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(_Out_ BCRYPT_ALG_HANDLE *phAlgorithm,
					    _In_ LPCWSTR pszAlgId,
					    _In_opt_ LPCWSTR pszImplementation, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptCloseAlgorithmProvider(_Inout_ BCRYPT_ALG_HANDLE hAlgorithm,
					     _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptGetProperty(_In_ BCRYPT_HANDLE hObject, _In_ LPCWSTR pszProperty,
				  _Out_writes_bytes_to_opt_(cbOutput, *pcbResult) PUCHAR pbOutput,
				  _In_ ULONG cbOutput, _Out_ ULONG *pcbResult, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptSetProperty(_Inout_ BCRYPT_HANDLE hObject, _In_ LPCWSTR pszProperty,
				  _In_reads_bytes_(cbInput) PUCHAR pbInput, _In_ ULONG cbInput,
				  _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptGenerateSymmetricKey(
	_Inout_ BCRYPT_ALG_HANDLE hAlgorithm, _Out_ BCRYPT_KEY_HANDLE *phKey,
	_Out_writes_bytes_all_opt_(cbKeyObject) PUCHAR pbKeyObject, _In_ ULONG cbKeyObject,
	_In_reads_bytes_(cbSecret) PUCHAR pbSecret, _In_ ULONG cbSecret, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptDuplicateKey(_In_ BCRYPT_KEY_HANDLE hKey, _Out_ BCRYPT_KEY_HANDLE *phNewKey,
				   _Out_writes_bytes_all_opt_(cbKeyObject) PUCHAR pbKeyObject,
				   _In_ ULONG cbKeyObject, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptDestroyKey(_Inout_ BCRYPT_KEY_HANDLE hKey);
NTSTATUS WINAPI BCryptEncrypt(_Inout_ BCRYPT_KEY_HANDLE hKey,
			      _In_reads_bytes_opt_(cbInput) PUCHAR pbInput, _In_ ULONG cbInput,
			      _In_opt_ VOID *pPaddingInfo,
			      _Inout_updates_bytes_opt_(cbIV) PUCHAR pbIV, _In_ ULONG cbIV,
			      _Out_writes_bytes_to_opt_(cbOutput, *pcbResult) PUCHAR pbOutput,
			      _In_ ULONG cbOutput, _Out_ ULONG *pcbResult, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptDecrypt(_Inout_ BCRYPT_KEY_HANDLE hKey,
			      _In_reads_bytes_opt_(cbInput) PUCHAR pbInput, _In_ ULONG cbInput,
			      _In_opt_ VOID *pPaddingInfo,
			      _Inout_updates_bytes_opt_(cbIV) PUCHAR pbIV, _In_ ULONG cbIV,
			      _Out_writes_bytes_to_opt_(cbOutput, *pcbResult) PUCHAR pbOutput,
			      _In_ ULONG cbOutput, _Out_ ULONG *pcbResult, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptCreateHash(_Inout_ BCRYPT_ALG_HANDLE hAlgorithm,
				 _Out_ BCRYPT_HASH_HANDLE *phHash,
				 _Out_writes_bytes_all_opt_(cbHashObject) PUCHAR pbHashObject,
				 _In_ ULONG cbHashObject,
				 _In_reads_bytes_opt_(cbSecret) PUCHAR pbSecret,
				 _In_ ULONG cbSecret, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptHashData(_Inout_ BCRYPT_HASH_HANDLE hHash,
			       _In_reads_bytes_(cbInput) PUCHAR pbInput, _In_ ULONG cbInput,
			       _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptFinishHash(_Inout_ BCRYPT_HASH_HANDLE hHash,
				 _Out_writes_bytes_all_(cbOutput) PUCHAR pbOutput,
				 _In_ ULONG cbOutput, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptDuplicateHash(_In_ BCRYPT_HASH_HANDLE hHash,
				    _Out_ BCRYPT_HASH_HANDLE *phNewHash,
				    _Out_writes_bytes_all_opt_(cbHashObject) PUCHAR pbHashObject,
				    _In_ ULONG cbHashObject, _In_ ULONG dwFlags);
NTSTATUS WINAPI BCryptDestroyHash(_Inout_ BCRYPT_HASH_HANDLE hHash);
NTSTATUS WINAPI BCryptHash(_Inout_ BCRYPT_ALG_HANDLE hAlgorithm,
			   _In_reads_bytes_opt_(cbSecret) PUCHAR pbSecret, _In_ ULONG cbSecret,
			   _In_reads_bytes_(cbInput) PUCHAR pbInput, _In_ ULONG cbInput,
			   _Out_writes_bytes_all_(cbOutput) PUCHAR pbOutput, _In_ ULONG cbOutput);
NTSTATUS WINAPI BCryptGenRandom(_Inout_opt_ BCRYPT_ALG_HANDLE hAlgorithm,
				_Out_writes_bytes_(cbBuffer) PUCHAR pbBuffer, _In_ ULONG cbBuffer,
				_In_ ULONG dwFlags);

EXTERN_C_END

#endif
