<?xml version="1.0" encoding="UTF-8"?>
<!-- Critical apparatus: app/lem/rdg, the lemma in the text, the readings with their witnesses in the notes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- Apparatus: the lemma (or first reading) in the text, the readings in a note. -->
  <xsl:template match="tei:app">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <span class="app" id="{$id}">
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:choose>
        <xsl:when test="tei:lem"><xsl:apply-templates select="tei:lem"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="tei:rdg[1]"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <a class="noteref appref" role="doc-noteref" id="noteref-{$id}-note" href="#{$id}-note">
      <xsl:call-template name="app-number"/>
    </a>
  </xsl:template>
  <xsl:template name="app-number">
    <xsl:text>v</xsl:text><xsl:number level="any" count="tei:app"/>
  </xsl:template>
  <xsl:template match="tei:lem | tei:rdg">
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:if test="@wit"><xsl:attribute name="data-wit"><xsl:value-of select="@wit"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:app" mode="note-body">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="num"><xsl:call-template name="app-number"/></xsl:variable>
    <aside class="note app-note" role="doc-footnote" id="{$id}-note" data-place="foot" data-type="apparatus" aria-label="{$L[@k = 'variant']} {$num}">
      <p>
        <a class="backlink" role="doc-backlink" href="#noteref-{$id}-note" aria-label="{$L[@k = 'back-to-variant']} {$num}"><xsl:value-of select="$num"/></a>
        <xsl:text> </xsl:text>
        <xsl:for-each select="tei:lem | tei:rdg[not(current()/tei:lem) and position() = 1]">
          <span class="lem-repeat"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></span>
          <xsl:if test="@wit"><xsl:value-of select="concat(' ', normalize-space(@wit))"/></xsl:if>
          <xsl:text>] </xsl:text>
        </xsl:for-each>
        <xsl:for-each select="tei:rdg[current()/tei:lem or position() &gt; 1] | tei:rdgGrp/tei:rdg | tei:note">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:apply-templates select="."/>
          <xsl:if test="@wit"><span class="wit"><xsl:value-of select="concat(' ', normalize-space(@wit))"/></span></xsl:if>
        </xsl:for-each>
      </p>
    </aside>
  </xsl:template>

</xsl:stylesheet>
