package io.damselfly.common.download;

/** A local download's state on a peer daemon. */
public enum DownloadState {

	PENDING,

	RUNNING,

	SUCCEEDED,

	FAILED

}
